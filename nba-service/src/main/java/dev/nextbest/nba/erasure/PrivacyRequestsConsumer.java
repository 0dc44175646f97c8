package dev.nextbest.nba.erasure;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.nba.access.CustomerAccess;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes privacy-service's {@value ErasureRequested#TOPIC}: an erasure request erases the customer here
 * and is confirmed on privacy-acks; an access request is answered there ({@link CustomerAccess}). A request that cannot be read goes to
 * {@code nba-service.privacy-requests.dlq}; an outage is retried.
 */
@ApplicationScoped
public class PrivacyRequestsConsumer {

    /** An access request: the same data as an erasure request (requestId, customerId). */
    static final String ACCESS = "dev.nextbest.privacy.access-requested.v1";

    private final CloudEventCodec codec;
    private final Eraser eraser;
    private final CustomerAccess access;

    public PrivacyRequestsConsumer(CloudEventCodec codec, Eraser eraser, CustomerAccess access) {
        this.codec = codec;
        this.eraser = eraser;
        this.access = access;
    }

    @Incoming("privacy-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonEventException("a privacy-requests record without a value");
        }
        CloudEvent event = codec.decode(record.value());
        boolean accessRequest = ACCESS.equals(event.getType());
        if (!accessRequest && !ErasureRequested.TYPE.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        ErasureRequested request = codec.data(event, ErasureRequested.class);
        if (record.key() != null && !record.key().equals(request.customerId())) {
            throw new PoisonEventException("erasure request " + request.requestId() + " has a key that differs from its customerId");
        }
        Uni<?> done = accessRequest ? access.answer(request.requestId(), request.customerId())
                : eraser.erase(request.requestId(), request.customerId());
        return ConsumerRetry.retried(done, (accessRequest ? "access" : "erasure") + " request " + request.requestId()).replaceWithVoid();
    }
}
