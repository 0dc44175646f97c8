package dev.nextbest.profile.intake;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes accepted events to {@code customer-events}, keyed by customer id, and completes only once Kafka has
 * acknowledged them (acks=all): what the API answers 202 for is durably in the topic.
 */
@ApplicationScoped
public class CustomerEventPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public CustomerEventPublisher(
            // A batch of 1,000 is handed over at once; Kafka's own producer buffer bounds memory.
            @Channel("customer-events-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(String customerId, byte[] event) {
        return emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(customerId).build()));
    }
}
