package dev.nextbest.profile.identity;

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

/**
 * Consumes {@code identity-changes}: a registered customer gets its profile and kind; a merge unites two
 * profiles; an unmerge separates them again. Other identity events (identifiers linked) are not about
 * profiles and are passed over, counted. An event that can never be applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class IdentityChangeConsumer {

    private final CloudEventCodec codec;
    private final ProfileMerger merger;
    private final Counter passedOver;

    public IdentityChangeConsumer(CloudEventCodec codec, ProfileMerger merger, MeterRegistry registry) {
        this.codec = codec;
        this.merger = merger;
        this.passedOver = registry.counter("profile.identity.events.passed-over");
    }

    @Incoming("identity-changes")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        Uni<Void> applied = switch (String.valueOf(event.getType())) {
            case IdentityEvents.CUSTOMER_REGISTERED -> {
                IdentityEvents.CustomerRegistered data = codec.data(event, IdentityEvents.CustomerRegistered.class);
                yield merger.registered(data.id(), data.kind());
            }
            case IdentityEvents.CUSTOMERS_MERGED -> {
                IdentityEvents.CustomersMerged data = codec.data(event, IdentityEvents.CustomersMerged.class);
                if (data.survivorId().equals(data.absorbedId())) {
                    throw new PoisonEventException("event " + event.getId() + " merges a customer into itself");
                }
                yield merger.merged(data.mergeId(), data.survivorId(), data.absorbedId());
            }
            case IdentityEvents.CUSTOMERS_UNMERGED -> {
                IdentityEvents.CustomersMerged data = codec.data(event, IdentityEvents.CustomersMerged.class);
                yield merger.unmerged(data.mergeId());
            }
            default -> {
                passedOver.increment();
                yield Uni.createFrom().voidItem();
            }
        };
        return ConsumerRetry.retried(applied, "applying identity event " + event.getId());
    }
}
