package dev.nextbest.nba.consent;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;

/**
 * Consumes privacy-service's {@value ConsentsChanged#TOPIC} into {@link CustomerConsents}: a state is stored
 * (unless older than the stored one), a tombstone erases. A record that can never be applied goes to
 * {@code nba-service.consent-changes.dlq} with the reason; a failure that may pass is retried.
 */
@ApplicationScoped
public class ConsentChangesConsumer {

    private final CloudEventCodec codec;
    private final CustomerConsents consents;
    private final Counter stored;
    private final Counter stale;
    private final Counter erased;
    private final Counter passedOver;

    public ConsentChangesConsumer(CloudEventCodec codec, CustomerConsents consents, MeterRegistry registry) {
        this.codec = codec;
        this.consents = consents;
        this.stored = registry.counter("nba.consents.changes", "outcome", "stored");
        this.stale = registry.counter("nba.consents.changes", "outcome", "stale");
        this.erased = registry.counter("nba.consents.changes", "outcome", "erased");
        this.passedOver = registry.counter("nba.consents.changes", "outcome", "passed-over");
    }

    @Incoming("consent-changes")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new PoisonEventException("a consent-changes record without a key: the key must be the customer id");
        }
        if (record.value() == null) {
            return ConsumerRetry.retried(consents.erase(record.key()), record).invoke(() -> erased.increment()).replaceWithVoid();
        }
        CloudEvent event = codec.decode(record.value());
        if (!ConsentsChanged.TYPE.equals(event.getType())) {
            passedOver.increment();
            return Uni.createFrom().voidItem();
        }
        ConsentsChanged state = codec.data(event, ConsentsChanged.class);
        if (!state.customerId().equals(record.key())) {
            throw new PoisonEventException("event " + event.getId() + " is about another customer than its key");
        }
        if (event.getTime() == null) {
            throw new PoisonEventException("event " + event.getId() + " has no time: without it a late event could undo a newer state");
        }
        String data = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        return ConsumerRetry.retried(consents.store(state.customerId(), event.getTime().toInstant(), data), record)
                .invoke(isNewer -> (isNewer ? stored : stale).increment())
                .replaceWithVoid();
    }
}
