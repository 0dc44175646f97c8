package dev.nextbest.profile.consents;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.profile.interactions.CustomerIds;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@value ConsentsChanged#TOPIC} from privacy-service into the profiles' consents summary. Other
 * event types on the topic are passed over, counted; an event that can never be applied is dead-lettered.
 */
@ApplicationScoped
public class ConsentChangeConsumer {

    private final CloudEventCodec codec;
    private final ConsentMirror mirror;
    private final Counter passedOver;
    private final Counter stale;

    public ConsentChangeConsumer(CloudEventCodec codec, ConsentMirror mirror, MeterRegistry registry) {
        this.codec = codec;
        this.mirror = mirror;
        this.passedOver = registry.counter("profile.consents.events.passed-over");
        this.stale = registry.counter("profile.consents.events.stale");
    }

    @Incoming("consent-changes")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A tombstone: privacy-service forgot the customer (an erasure), which reaches profiles on its own.
            passedOver.increment();
            return Uni.createFrom().voidItem();
        }
        CloudEvent event = codec.decode(record.value());
        if (!ConsentsChanged.TYPE.equals(event.getType())) {
            passedOver.increment();
            return Uni.createFrom().voidItem();
        }
        ConsentsChanged changed = codec.data(event, ConsentsChanged.class);
        if (!CustomerIds.isValid(changed.customerId())) {
            throw new PoisonEventException("event " + event.getId() + " has no valid customerId: the customerId "
                    + CustomerIds.MESSAGE);
        }
        if (event.getTime() == null) {
            throw new PoisonEventException("event " + event.getId() + " has no time: the time of the state is required");
        }
        return ConsumerRetry.retried(mirror.apply(changed, event.getTime().toInstant()), "applying consents " + event.getId())
                .invoke(applied -> {
                    if (!applied) {
                        stale.increment();
                    }
                })
                .replaceWithVoid();
    }
}
