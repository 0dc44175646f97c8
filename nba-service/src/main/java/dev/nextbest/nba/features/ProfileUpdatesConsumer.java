package dev.nextbest.nba.features;

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
 * Consumes profile-service's {@value ProfileUpdated#TOPIC} into {@link ProfileFeatures}: a snapshot is stored
 * (unless an older one than what is stored), a tombstone erases. A record that can never be applied goes to
 * {@code nba-service.profile-updates.dlq} with the reason; a failure that may pass is retried.
 */
@ApplicationScoped
public class ProfileUpdatesConsumer {

    private final CloudEventCodec codec;
    private final ProfileFeatures features;
    private final Counter stored;
    private final Counter stale;
    private final Counter erased;
    private final Counter passedOver;

    public ProfileUpdatesConsumer(CloudEventCodec codec, ProfileFeatures features, MeterRegistry registry) {
        this.codec = codec;
        this.features = features;
        this.stored = registry.counter("nba.features.snapshots", "outcome", "stored");
        this.stale = registry.counter("nba.features.snapshots", "outcome", "stale");
        this.erased = registry.counter("nba.features.snapshots", "outcome", "erased");
        this.passedOver = registry.counter("nba.features.snapshots", "outcome", "passed-over");
    }

    @Incoming("profile-updates")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new PoisonEventException("a profile-updates record without a key: the key must be the customer id");
        }
        if (record.value() == null) {
            return ConsumerRetry.retried(features.erase(record.key()), record).invoke(() -> erased.increment()).replaceWithVoid();
        }
        CloudEvent event = codec.decode(record.value());
        if (!ProfileUpdated.TYPE.equals(event.getType())) {
            passedOver.increment();
            return Uni.createFrom().voidItem();
        }
        ProfileUpdated update = codec.data(event, ProfileUpdated.class);
        if (!update.customerId().equals(record.key())) {
            throw new PoisonEventException("event " + event.getId() + " is about another customer than its key");
        }
        String snapshot = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        return ConsumerRetry.retried(features.store(update.customerId(), update.updatedAt(), snapshot), record)
                .invoke(isNewer -> (isNewer ? stored : stale).increment())
                .replaceWithVoid();
    }
}
