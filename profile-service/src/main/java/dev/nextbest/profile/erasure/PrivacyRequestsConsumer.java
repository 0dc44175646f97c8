package dev.nextbest.profile.erasure;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.profile.access.ProfileAccess;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code privacy-requests}: an erasure request erases the customer here and is acknowledged on
 * {@code privacy-acks}; an access request is answered there with everything held about them
 * ({@link ProfileAccess}). Other request types are passed over.
 */
@ApplicationScoped
public class PrivacyRequestsConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyRequestsConsumer.class);

    /** An access request: the same data as an erasure request (requestId, customerId). */
    static final String ACCESS = "dev.nextbest.privacy.access-requested.v1";

    private final CloudEventCodec codec;
    private final Eraser eraser;
    private final ProfileAccess access;

    public PrivacyRequestsConsumer(CloudEventCodec codec, Eraser eraser, ProfileAccess access) {
        this.codec = codec;
        this.eraser = eraser;
        this.access = access;
    }

    @Incoming("privacy-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        boolean accessRequest = ACCESS.equals(event.getType());
        if (!accessRequest && !ErasureRequested.TYPE.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        ErasureRequested request = codec.data(event, ErasureRequested.class);
        if (record.key() != null && !record.key().equals(request.customerId())) {
            throw new PoisonEventException("request " + request.requestId()
                    + " has a Kafka key that differs from its customerId");
        }
        if (accessRequest) {
            return ConsumerRetry.retried(access.answer(request.requestId(), request.customerId()),
                    "access request " + request.requestId()).replaceWithVoid();
        }
        return ConsumerRetry.retried(eraser.erase(request.requestId(), request.customerId()),
                        "erasure request " + request.requestId())
                .invoke(done -> LOG.infof("erasure request %s: erased %s", request.requestId(), done.erased()))
                .replaceWithVoid();
    }
}
