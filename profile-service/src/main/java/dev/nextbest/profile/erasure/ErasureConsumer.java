package dev.nextbest.profile.erasure;

import dev.nextbest.profile.events.CloudEventCodec;
import dev.nextbest.profile.events.PoisonEventException;
import dev.nextbest.profile.events.TransientFailures;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;


/**
 * Consumes {@code privacy-requests}: an erasure request erases the customer here and is acknowledged on
 * {@code privacy-acks}. Other request types are for other services' handlers and are passed over.
 */
@ApplicationScoped
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    private final CloudEventCodec codec;
    private final Eraser eraser;

    public ErasureConsumer(CloudEventCodec codec, Eraser eraser) {
        this.codec = codec;
        this.eraser = eraser;
    }

    @Incoming("privacy-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        if (!ErasureRequested.TYPE.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        ErasureRequested request = codec.data(event, ErasureRequested.class);
        if (record.key() != null && !record.key().equals(request.customerId())) {
            throw new PoisonEventException("erasure request " + request.requestId()
                    + " has a Kafka key that differs from its customerId");
        }
        return TransientFailures.retried(eraser.erase(request.requestId(), request.customerId()),
                        "erasure request " + request.requestId())
                .invoke(done -> LOG.infof("erasure request %s: erased %s", request.requestId(), done.erased()))
                .replaceWithVoid();
    }
}
