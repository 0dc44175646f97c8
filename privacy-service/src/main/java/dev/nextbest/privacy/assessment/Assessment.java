package dev.nextbest.privacy.assessment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** The privacy assessment of one change, and the decision on it. */
@Entity
@Table(name = "assessment")
public class Assessment {

    @Id
    public UUID id;

    @Column(name = "change_id", nullable = false)
    public UUID changeId;

    /** "action" or "model". */
    @Column(name = "subject_kind", nullable = false)
    public String subjectKind;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "subject_key", nullable = false)
    public String subjectKey;

    @Column(name = "subject_version", nullable = false)
    public int subjectVersion;

    /** As assessed, then as a privacy officer decided. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Verdict.Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Verdict.Risk risk;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public AssessmentInputs inputs;

    /** What the automatic assessment found (its status stays as assessed; {@link #status} moves on). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Verdict verdict;

    /** "privacy-service" when decided automatically, else the privacy officer's client id. */
    @Column(name = "decided_by", nullable = false)
    public String decidedBy;

    public String note;

    @Column(name = "assessed_at", nullable = false)
    public Instant assessedAt;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
}
