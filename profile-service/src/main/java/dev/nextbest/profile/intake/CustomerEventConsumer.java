package dev.nextbest.profile.intake;

import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.DatabaseFailures;
import dev.nextbest.commons.events.PoisonEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code customer-events} a poll at a time (up to 1,000 records), which is what lets the service
 * keep up with thousands of events a second: the batch is processed in one transaction.
 * <ul>
 *   <li>An event that fails the checks goes to the dead-letter topic with the reason; the rest go on.</li>
 *   <li>A failure that may pass (the database restarting) is retried ({@link TransientFailures}).</li>
 *   <li>If the database rejects the batch's data, each event is tried alone, and only the ones it rejects
 *       are dead-lettered.</li>
 * </ul>
 */
@ApplicationScoped
public class CustomerEventConsumer {

    /** A record and the event read from it. */
    private record Read(ConsumerRecord<String, byte[]> record, CustomerEvent event) {
    }

    private final CustomerEventReader reader;
    private final CustomerEventProcessor processor;
    private final DeadLetters deadLetters;
    private final Counter applied;
    private final Counter duplicates;

    public CustomerEventConsumer(CustomerEventReader reader, CustomerEventProcessor processor, DeadLetters deadLetters,
                                 MeterRegistry registry) {
        this.reader = reader;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.applied = registry.counter("profile.events.applied");
        this.duplicates = registry.counter("profile.events.duplicates");
    }

    @Incoming("customer-events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<Read> good = new ArrayList<>(records.count());
        List<Uni<Void>> poison = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                good.add(new Read(record, reader.read(record.value(), record.key())));
            } catch (PoisonEventException e) {
                poison.add(deadLetters.send(record, e.getMessage()));
            }
        }
        Uni<Void> deadLettered = poison.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(poison).andFailFast().replaceWithVoid();
        return deadLettered.chain(() -> good.isEmpty() ? Uni.createFrom().voidItem() : process(good));
    }

    private Uni<Void> process(List<Read> reads) {
        String what = reads.size() == 1 ? "event " + reads.get(0).event().id() : reads.size() + " events";
        return ConsumerRetry.retried(processor.process(reads.stream().map(Read::event).toList()), what)
                .invoke(outcome -> {
                    applied.increment(outcome.applied());
                    duplicates.increment(outcome.duplicates());
                })
                .replaceWithVoid()
                .onFailure(DatabaseFailures::isRejectedData).recoverWithUni(rejected -> reads.size() > 1
                        ? Multi.createFrom().iterable(reads).onItem().transformToUniAndConcatenate(read -> process(List.of(read)))
                                .collect().asList().replaceWithVoid()
                        : deadLetters.send(reads.get(0).record(), "event " + reads.get(0).event().id()
                                + " was rejected by the database: " + DatabaseFailures.describe(rejected)));
    }
}
