package dev.nextbest.profile.intake;

import dev.nextbest.profile.events.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/**
 * Consumes {@code customer-events}. An event that can never be processed goes to the dead-letter topic with
 * the reason; a failure that may pass is retried first ({@link TransientFailures}).
 */
@ApplicationScoped
public class CustomerEventConsumer {

    private final CustomerEventReader reader;
    private final CustomerEventProcessor processor;
    private final Counter recorded;
    private final Counter duplicates;

    public CustomerEventConsumer(CustomerEventReader reader, CustomerEventProcessor processor, MeterRegistry registry) {
        this.reader = reader;
        this.processor = processor;
        this.recorded = registry.counter("profile.interactions.recorded");
        this.duplicates = registry.counter("profile.interactions.duplicates");
    }

    @Incoming("customer-events")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CustomerEvent event = reader.read(record.value(), record.key());
        return TransientFailures.retried(processor.process(event), "recording event " + event.id())
                .invoke(isNew -> (isNew ? recorded : duplicates).increment())
                .replaceWithVoid();
    }
}
