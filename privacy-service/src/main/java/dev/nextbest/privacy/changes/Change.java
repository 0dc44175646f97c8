package dev.nextbest.privacy.changes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One announced change to what the platform does with customer data, awaiting or past its assessment. */
@Entity
@Table(name = "change")
public class Change {

    @Id
    public UUID id;

    @Column(name = "event_source", nullable = false)
    public String eventSource;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** What changed, e.g. "action". */
    @Column(name = "subject_kind", nullable = false)
    public String subjectKind;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "subject_key", nullable = false)
    public String subjectKey;

    /** The changed thing's version (an action version, a model version); null for unversioned things. */
    @Column(name = "subject_version")
    public Integer subjectVersion;

    /** The changed thing as its owner described it, kept whole for the assessment. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> snapshot;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChangeStatus status;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
