package dev.nextbest.commons.events;

import io.cloudevents.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/**
 * Writes events into the transactional outbox, as CloudEvents 1.0 in structured JSON. Must be called inside
 * the transaction that makes the change the event describes. Nobody publishes by hand: the commit wakes
 * {@link OutboxRelay} (a trigger on the table notifies it, see {@link OutboxWakeUp}).
 */
@ApplicationScoped
public class Outbox {

    private final Envelopes envelopes;
    private final Clock clock;

    public Outbox(Envelopes envelopes, Clock clock) {
        this.envelopes = envelopes;
        this.clock = clock;
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
        return persist(topic, key, event.getId(), envelopes.serialize(event)).replaceWith(event);
    }

    /** A tombstone for a compacted topic: the key's record with no value, so the topic forgets the key. */
    public Uni<Void> tombstone(String topic, String key) {
        return persist(topic, key, UUID.randomUUID().toString(), null);
    }

    private Uni<Void> persist(String topic, String key, String eventId, byte[] payload) {
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.recordKey = key;
        row.eventId = eventId;
        row.payload = payload;
        row.createdAt = clock.instant();
        return Panache.getSession().chain(session -> session.persist(row));
    }
}
