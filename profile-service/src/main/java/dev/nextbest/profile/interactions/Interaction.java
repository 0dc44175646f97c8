package dev.nextbest.profile.interactions;

import dev.nextbest.profile.events.Channel;
import dev.nextbest.profile.events.InteractionRecorded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One thing a customer did on one channel, as recorded from one event. */
@Entity
@Table(name = "interaction")
public class Interaction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_source", nullable = false)
    public String eventSource;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String kind;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> attributes;

    /** Set while the interaction belongs to a survivor by a merge: the merge, and the customer it came from. */
    @Column(name = "merge_id")
    public UUID mergeId;

    @Column(name = "merged_from")
    public String mergedFrom;

    /** The interaction as the event said it, e.g. to fold it into traits again. */
    public InteractionRecorded asRecorded() {
        return new InteractionRecorded(Channel.fromWire(channel), kind, attributes);
    }
}
