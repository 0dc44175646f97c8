package dev.nextbest.profile.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.profile.store.JsonRows;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the transactional outbox, as CloudEvents 1.0 in structured JSON (CloudEvents SDK).
 * Must be called inside the transaction that makes the change the event describes; {@link OutboxRelay}
 * publishes after the commit. Many events go in one statement.
 */
@ApplicationScoped
public class Outbox {

    static final URI SOURCE = URI.create("/profile-service");

    private static final String INSERT = """
            INSERT INTO outbox_event (topic, record_key, event_id, payload, created_at)
            SELECT r.topic, r."recordKey", r."eventId", decode(r.payload, 'base64'), r."createdAt"
            FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb))
                AS r(seq int, topic text, "recordKey" text, "eventId" text, payload text, "createdAt" timestamptz)
            ORDER BY r.seq""";

    /** An event to write. */
    public record NewEvent(String topic, String key, String type, String subject, Object data) {
    }

    /** One outbox row as the insert statement reads it; payload in base64. */
    private record Row(int seq, String topic, String recordKey, String eventId, String payload, Instant createdAt) {
    }

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper;
    private final JsonRows rows;

    public Outbox(ObjectMapper mapper, JsonRows rows) {
        this.mapper = mapper;
        this.rows = rows;
    }

    /**
     * @param topic   the Kafka topic
     * @param key     the Kafka key: the pseudonymous customer id for customer events, else the entity's id
     * @param type    the CloudEvent type, e.g. "dev.nextbest.profile.segment-membership-changed.v1"
     * @param subject what the event is about (the same id as the key)
     * @param data    serialised as the event's JSON data
     */
    public Uni<CloudEvent> add(String topic, String key, String type, String subject, Object data) {
        return addAll(List.of(new NewEvent(topic, key, type, subject, data))).map(events -> events.get(0));
    }

    /** Writes the events in this order, which is the order they will be published in. */
    public Uni<List<CloudEvent>> addAll(List<NewEvent> events) {
        Instant now = Instant.now();
        List<CloudEvent> built = new ArrayList<>(events.size());
        List<Row> written = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            CloudEvent cloudEvent = CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(SOURCE)
                    .withType(event.type())
                    .withSubject(event.subject())
                    .withTime(now.atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    // As a JSON tree: given bytes, the SDK would parse them again to embed them.
                    .withData(JsonCloudEventData.wrap(mapper.valueToTree(event.data())))
                    .build();
            built.add(cloudEvent);
            written.add(new Row(written.size(), event.topic(), event.key(), cloudEvent.getId(),
                    Base64.getEncoder().encodeToString(format.serialize(cloudEvent)), now));
        }
        return rows.execute(INSERT, written).replaceWith(built);
    }
}
