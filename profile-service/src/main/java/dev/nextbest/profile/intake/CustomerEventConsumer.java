package dev.nextbest.profile.intake;

import dev.nextbest.profile.events.PoisonEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code customer-events}. An event that can never be processed fails with a
 * {@link PoisonEventException} and goes to the dead-letter topic with the reason; a failure that may pass
 * (the database restarting) is retried with back-off first, and dead-lettered only if it persists.
 */
@ApplicationScoped
public class CustomerEventConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventConsumer.class);

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
        return processor.process(event)
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> LOG.warnf("recording event %s failed, will retry: %s", event.id(), failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8)
                .invoke(isNew -> (isNew ? recorded : duplicates).increment())
                .replaceWithVoid();
    }
}
