package dev.nextbest.privacy.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes events into the transactional outbox, as CloudEvents 1.0 in structured JSON (CloudEvents SDK).
 * Must be called inside the transaction that makes the change the event describes; {@link OutboxRelay}
 * publishes after the commit.
 */
@ApplicationScoped
public class Outbox {

    static final URI SOURCE = URI.create("/privacy-service");

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param topic   the Kafka topic
     * @param key     the Kafka key: the subject's id (the customer id for customer events)
     * @param type    the CloudEvent type, e.g. "dev.nextbest.privacy.assessment-changed.v1"
     * @param subject what the event is about (the same id as the key)
     * @param data    serialised as the event's JSON data
     */
    public Uni<CloudEvent> add(String topic, String key, String type, String subject, Object data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(SOURCE)
                .withType(type)
                .withSubject(subject)
                .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json(data))
                .build();
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.recordKey = key;
        row.eventId = event.getId();
        row.payload = format.serialize(event);
        row.createdAt = Instant.now();
        return Panache.getSession().chain(session -> session.persist(row)).replaceWith(event);
    }

    /** A tombstone for a compacted topic: the key's record with no value, so the topic forgets the key. */
    public Uni<Void> tombstone(String topic, String key) {
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.recordKey = key;
        row.eventId = UUID.randomUUID().toString();
        row.payload = null;
        row.createdAt = Instant.now();
        return Panache.getSession().chain(session -> session.persist(row)).replaceWithVoid();
    }

    private byte[] json(Object data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass(), e);
        }
    }
}
