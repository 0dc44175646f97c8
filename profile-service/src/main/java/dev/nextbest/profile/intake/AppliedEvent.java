package dev.nextbest.profile.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A non-interaction event (attributes, holdings) that was applied: each is applied once. */
@Entity
@Table(name = "applied_event")
@IdClass(AppliedEvent.Key.class)
public class AppliedEvent {

    @Id
    @Column(name = "event_source")
    public String eventSource;

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    public static class Key implements Serializable {
        public String eventSource;
        public String eventId;

        public Key() {
        }

        public Key(String eventSource, String eventId) {
            this.eventSource = eventSource;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(eventSource, key.eventSource)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventSource, eventId);
        }
    }
}
