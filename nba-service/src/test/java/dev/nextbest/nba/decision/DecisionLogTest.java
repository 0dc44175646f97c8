package dev.nextbest.nba.decision;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What an erasure relies on when it asks the decision log to forget a customer before deleting their rows. */
@QuarkusTest
class DecisionLogTest {

    private static final int DECISIONS = 2000;

    @Inject
    DecisionLog log;

    @Test
    void forgetsEveryUnstoredDecisionAndCarriesOnOnTheCallersContextSoThatADeleteCanFollow() throws Throwable {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        // Enough that the writer is still busy with them when forget() is asked, and batches are being stored.
        for (int i = 0; i < DECISIONS; i++) {
            log.record(new Decision(UUID.randomUUID(), customer, Instant.now(), "agent", "next-best", null, false, null,
                    List.of(), 1, List.of(), Map.of(), true, 100, List.of()));
        }
        AtomicReference<Context> caller = new AtomicReference<>();
        AtomicReference<Context> after = new AtomicReference<>();
        AtomicReference<Long> forgotten = new AtomicReference<>();

        Object stored = VertxContextSupport.subscribeAndAwait(() -> {
            caller.set(Vertx.currentContext());
            return log.forget(customer)
                    .invoke(count -> {
                        after.set(Vertx.currentContext());
                        forgotten.set(count);
                    })
                    .chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                            .createNativeQuery("SELECT count(*) FROM decision WHERE customer_id = ?1")
                            .setParameter(1, customer).getSingleResult())));
        });

        assertThat(after.get()).as("back on the caller's context, not a thread of the decision log's").isSameAs(caller.get());
        assertThat(forgotten.get() + ((Number) stored).longValue())
                .as("every decision either forgotten from memory or already stored, none on its way").isEqualTo(DECISIONS);
        assertThat(log.unstored(customer)).isEmpty();
    }
}
