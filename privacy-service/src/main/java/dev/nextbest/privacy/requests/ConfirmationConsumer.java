package dev.nextbest.privacy.requests;

import dev.nextbest.privacy.events.CloudEventCodec;
import dev.nextbest.privacy.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/**
 * Consumes the services' confirmations on {@value ErasureCompleted#TOPIC}. One that cannot be read, or that
 * names another customer than its request, goes to {@code privacy-service.privacy-acks.dlq} with the reason;
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
        if (!ErasureCompleted.TYPE.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        ErasureCompleted confirmation = codec.data(event, ErasureCompleted.class);
        return requests.confirm(confirmation)
                .onFailure(failure -> !(failure instanceof IllegalArgumentException)).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8)
                .onFailure(IllegalArgumentException.class).transform(failure -> new PoisonEventException(failure.getMessage()));
    }
}
