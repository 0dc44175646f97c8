package dev.nextbest.privacy.changes;

import dev.nextbest.privacy.events.CloudEventCodec;
import dev.nextbest.privacy.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Consumes {@code catalog-changes} into the change register. An event that can never be processed fails
 * with a {@link PoisonEventException} and goes to the dead-letter topic with the reason; a failure that
 * may pass (the database restarting) is retried with back-off first.
 */
@ApplicationScoped
public class CatalogChangeConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogChangeConsumer.class);

    private final CloudEventCodec codec;
    private final ChangeRegister register;
    private final Counter registered;
    private final Counter duplicates;
    private final Counter passedOver;

    public CatalogChangeConsumer(CloudEventCodec codec, ChangeRegister register, MeterRegistry registry) {
        this.codec = codec;
        this.register = register;
        this.registered = registry.counter("privacy.changes.registered");
        this.duplicates = registry.counter("privacy.changes.duplicates");
        this.passedOver = registry.counter("privacy.changes.passed-over");
    }

    @Incoming("catalog-changes")
    @SuppressWarnings("unchecked")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        if (ActionChanged.PASSED_OVER.contains(event.getType())) {
            passedOver.increment();
            return Uni.createFrom().voidItem();
        }
        if (!ActionChanged.TYPES.contains(event.getType())) {
            throw new PoisonEventException("event " + event.getId() + " has type " + event.getType()
                    + ", which this consumer does not handle (expected one of " + ActionChanged.TYPES + ")");
        }
        ActionChanged action = codec.data(event, ActionChanged.class);
        if (record.key() != null && !record.key().equals(action.id().toString())) {
            throw new PoisonEventException("event " + event.getId()
                    + " has a Kafka key that differs from its action id: the key must be the action id");
        }
        Map<String, Object> snapshot = codec.data(event, Map.class);
        Instant occurredAt = event.getTime() == null ? Instant.now() : event.getTime().toInstant();
        return register.registerAction(event.getSource().toString(), event.getId(), event.getType(), occurredAt,
                        action, snapshot)
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> LOG.warnf("registering event %s failed, will retry: %s", event.getId(), failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8)
                .invoke(isNew -> (isNew ? registered : duplicates).increment())
                .replaceWithVoid();
    }
}
