package dev.nextbest.privacy.requests;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the services' answers on {@value ErasureCompleted#TOPIC}: erasure confirmations and access parts.
 * One that cannot be read, names another customer than its request or does not fit its kind goes to {@code privacy-service.privacy-acks.dlq} with the reason;
 * a database outage is retried.
 */
@ApplicationScoped
public class ConfirmationConsumer {

    private final CloudEventCodec codec;
    private final SubjectRequests requests;

    public ConfirmationConsumer(CloudEventCodec codec, SubjectRequests requests) {
        this.codec = codec;
        this.requests = requests;
    }

    @Incoming("privacy-acks")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonEventException("a privacy-acks record without a value");
        }
        CloudEvent event = codec.decode(record.value());
        Uni<Void> recorded;
        if (ErasureCompleted.TYPE.equals(event.getType())) {
            recorded = requests.confirm(codec.data(event, ErasureCompleted.class));
        } else if (AccessPart.TYPE.equals(event.getType())) {
            recorded = requests.answer(codec.data(event, AccessPart.class));
        } else {
            return Uni.createFrom().voidItem();
        }
        // The request refuses what does not match it: that is poison, and retrying cannot help.
        return ConsumerRetry.retried(recorded.onFailure(IllegalArgumentException.class)
                .transform(failure -> new PoisonEventException(failure.getMessage())), record);
    }
}
