package dev.nextbest.profile.intake;

import dev.nextbest.profile.interactions.InteractionRecorded;

import dev.nextbest.profile.interactions.CustomerIds;

import dev.nextbest.profile.events.CloudEventCodec;
import dev.nextbest.profile.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a customer event and checks everything that can be checked without a database: the envelope, the
 * type, the subject (a pseudonymous customer id, equal to the Kafka key when there is one), the event time
 * and the data. The same checks for the Kafka consumer and the ingestion API, so that what the API accepts
 * the consumer can process.
 */
@ApplicationScoped
public class CustomerEventReader {

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
        if (!InteractionRecorded.TYPE.equals(event.getType())) {
            throw new PoisonEventException("event " + event.getId() + " has type " + event.getType()
                    + ", which this consumer does not handle (expected " + InteractionRecorded.TYPE + ")");
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
        InteractionRecorded data = codec.data(event, InteractionRecorded.class);
        return new CustomerEvent(event.getSource().toString(), event.getId(), subject, event.getTime().toInstant(), data);
    }
}
