package dev.nextbest.profile.interactions;

import dev.nextbest.profile.events.CloudEventCodec;
import dev.nextbest.profile.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code customer-events}. An event that can never be processed fails with a
 * {@link PoisonEventException} and goes to the dead-letter topic with the reason; a failure that may pass
 * (the database restarting) is retried with back-off first, and dead-lettered only if it persists.
 */
@ApplicationScoped
public class InteractionConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private final CloudEventCodec codec;
    private final InteractionRecorder recorder;
    private final Counter recorded;
    private final Counter duplicates;

    public InteractionConsumer(CloudEventCodec codec, InteractionRecorder recorder, MeterRegistry registry) {
        this.codec = codec;
        this.recorder = recorder;
        this.recorded = registry.counter("profile.interactions.recorded");
        this.duplicates = registry.counter("profile.interactions.duplicates");
    }

    @Incoming("customer-events")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        if (!InteractionRecorded.TYPE.equals(event.getType())) {
            throw new PoisonEventException("event " + event.getId() + " has type " + event.getType()
                    + ", which this consumer does not handle (expected " + InteractionRecorded.TYPE + ")");
        }
        String customerId = customerId(event, record.key());
        if (event.getTime() == null) {
            throw new PoisonEventException("event " + event.getId() + " has no time: the time it happened is required");
        }
        InteractionRecorded data = codec.data(event, InteractionRecorded.class);
        return recorder.record(event.getSource().toString(), event.getId(), customerId, event.getTime().toInstant(), data)
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> LOG.warnf("recording event %s failed, will retry: %s", event.getId(), failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8)
                .invoke(isNew -> (isNew ? recorded : duplicates).increment())
                .replaceWithVoid();
    }

    /** The subject is the pseudonymous customer id, and it must be the key that orders the customer's events. */
    private static String customerId(CloudEvent event, String key) {
        String subject = event.getSubject();
        if (!CustomerIds.isValid(subject)) {
            throw new PoisonEventException("event " + event.getId() + " has no valid subject: the subject "
                    + CustomerIds.MESSAGE);
        }
        if (key != null && !key.equals(subject)) {
            throw new PoisonEventException("event " + event.getId()
                    + " has a Kafka key that differs from its subject: the key must be the customer id");
        }
        return subject;
    }
}
