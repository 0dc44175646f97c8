package dev.nextbest.profile.intake;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;

/**
 * Puts a customer event that can never be processed on {@code profile-service.customer-events.dlq}, as it came
 * (key, value and headers), with the same headers as the messaging layer's own dead-letter queue:
 * {@code dead-letter-reason} (names fields, never quotes a value), {@code dead-letter-topic},
 * {@code dead-letter-partition} and {@code dead-letter-offset}. The consumer reads whole batches, and one bad
 * event must not send its good neighbours there, so it dead-letters one record at a time itself.
 */
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetters(@Channel("customer-events-dlq") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                       MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes once Kafka has the record, so the offset is committed only after that. */
    public Uni<Void> send(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", utf8(reason));
        headers.add("dead-letter-topic", utf8(record.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
        return emitter.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build()));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
