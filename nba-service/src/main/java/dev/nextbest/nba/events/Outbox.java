package dev.nextbest.nba.events;

import io.cloudevents.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Writes events into the transactional outbox, as CloudEvents 1.0 in structured JSON (CloudEvents SDK).
 * Must be called inside the transaction that makes the change the event describes; {@link OutboxRelay}
 * publishes after the commit.
 */
@ApplicationScoped
public class Outbox {

    private final Envelopes envelopes;

    public Outbox(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    /**
     * @param topic   the Kafka topic
     * @param key     the Kafka key: the pseudonymous customer id for customer events, else the entity's id
     * @param type    the CloudEvent type, e.g. "dev.nextbest.nba.catalog.action-created.v1"
     * @param subject what the event is about (the same id as the key)
     * @param data    serialised as the event's JSON data
     */
    public Uni<CloudEvent> add(String topic, String key, String type, String subject, Object data) {
        CloudEvent event = envelopes.event(type, subject, data);
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.recordKey = key;
        row.eventId = event.getId();
        row.payload = envelopes.serialize(event);
        row.createdAt = Instant.now();
        return Panache.getSession().chain(session -> session.persist(row)).replaceWith(event);
    }
}
