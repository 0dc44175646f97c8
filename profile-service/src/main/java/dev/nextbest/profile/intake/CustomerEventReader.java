package dev.nextbest.profile.intake;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.profile.events.AttributesChanged;
import dev.nextbest.profile.events.CustomerEventData;
import dev.nextbest.profile.events.HoldingChanged;
import dev.nextbest.profile.events.InteractionRecorded;
import dev.nextbest.profile.events.ScoresPredicted;
import dev.nextbest.profile.interactions.CustomerIds;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a customer event and checks everything that can be checked without a database: the envelope, the
 * type, the subject (a pseudonymous customer id, equal to the Kafka key when there is one), the event time
 * and the data. The same checks for the Kafka consumer and the ingestion API, so that what the API accepts
 * the consumer can process.
 */
@ApplicationScoped
public class CustomerEventReader {

    /** The event types on customer-events, and the shape of each one's data. */
    static final Map<String, Class<? extends CustomerEventData>> DATA_TYPES = new TreeMap<>(Map.of(
            InteractionRecorded.TYPE, InteractionRecorded.class,
            AttributesChanged.TYPE, AttributesChanged.class,
            HoldingChanged.TYPE, HoldingChanged.class,
            ScoresPredicted.TYPE, ScoresPredicted.class));

    private final CloudEventCodec codec;

    public CustomerEventReader(CloudEventCodec codec) {
        this.codec = codec;
    }

    /**
     * @param key the Kafka key, or null when the event did not come from Kafka
     * @throws PoisonEventException saying what is wrong, never quoting a value
     */
    public CustomerEvent read(byte[] bytes, String key) {
        CloudEvent event = codec.decode(bytes);
        Class<? extends CustomerEventData> dataType = DATA_TYPES.get(event.getType());
        if (dataType == null) {
            throw new PoisonEventException("event " + event.getId() + " has type " + event.getType()
                    + ", which this consumer does not handle (expected one of " + DATA_TYPES.keySet() + ")");
        }
        String subject = event.getSubject();
        if (!CustomerIds.isValid(subject)) {
            throw new PoisonEventException("event " + event.getId() + " has no valid subject: the subject "
                    + CustomerIds.MESSAGE);
        }
        if (key != null && !key.equals(subject)) {
            throw new PoisonEventException("event " + event.getId()
                    + " has a Kafka key that differs from its subject: the key must be the customer id");
        }
        if (event.getTime() == null) {
            throw new PoisonEventException("event " + event.getId() + " has no time: the time it happened is required");
        }
        CustomerEventData data = codec.data(event, dataType);
        if (data instanceof AttributesChanged changed) {
            checkAttributes(event.getId(), changed);
        }
        return new CustomerEvent(event.getSource().toString(), event.getId(), subject, event.getTime().toInstant(), data);
    }

    /** Names of letters, digits and '_'; values a string, a number, a boolean, or null to remove. */
    private static void checkAttributes(String eventId, AttributesChanged changed) {
        changed.attributes().forEach((name, value) -> {
            if (!name.matches(AttributesChanged.NAME_PATTERN)) {
                throw new PoisonEventException("event " + eventId + " names an attribute that is not letters, digits "
                        + "and '_' (starting with a letter, at most 64)");
            }
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new PoisonEventException("event " + eventId + " gives attribute '" + name
                        + "' a value that is not a string, a number, a boolean or null");
            }
        });
    }
}
