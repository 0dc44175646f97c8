package dev.nextbest.nba.decision;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an erasure relies on when it asks the decision log to forget a customer before deleting their rows. */
@QuarkusTest
class DecisionLogTest {

    private static final int DECISIONS = 2000;

    @Inject
    DecisionLog log;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void forgetsEveryUnstoredDecisionAndCarriesOnOnTheCallersContextSoThatADeleteCanFollow() throws Throwable {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        // Enough that the writer is still busy with them when forget() is asked, and batches are being stored.
        for (int i = 0; i < DECISIONS; i++) {
            log.record(decisionFor(customer));
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

    @Test
    void aBatchThatFailsWhileTheCustomerIsForgottenDoesNotBringTheirDecisionsBack() throws Throwable {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection locker = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE decision IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 50; i++) {
                log.record(decisionFor(customer));
            }
            // Their batch is on its way to PostgreSQL, waiting for the lock.
            await().atMost(Duration.ofSeconds(10)).until(() -> insertsWaiting() > 0);
            CompletableFuture<Long> forgotten = new CompletableFuture<>();
            log.forget(customer).subscribe().with(forgotten::complete, forgotten::completeExceptionally);
            // The batch now fails: the table refuses this customer's rows, and the batch goes back to the queue.
            locker.createStatement().execute("ALTER TABLE decision ADD CONSTRAINT refuse_one CHECK (customer_id <> '"
                    + customer + "') NOT VALID");
            locker.commit();

            assertThat(forgotten.get(10, TimeUnit.SECONDS)).as("forgotten after the batch came back").isEqualTo(50);
        } finally {
            try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                c.createStatement().execute("ALTER TABLE decision DROP CONSTRAINT IF EXISTS refuse_one");
            }
        }
        log.flush();
        Thread.sleep(1000);
        assertThat(storedFor(customer)).as("stored after the erasure's delete would have run").isZero();
        assertThat(log.unstored(customer)).isEmpty();
    }

    private static Decision decisionFor(String customer) {
        return new Decision(UUID.randomUUID(), customer, Instant.now(), "agent", "next-best", null, false, null,
                List.of(), 1, List.of(), Map.of(), true, 100, List.of());
    }

    private long insertsWaiting() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO decision%'", null);
    }

    private long storedFor(String customer) throws SQLException {
        return count("SELECT count(*) FROM decision WHERE customer_id = ?", customer);
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement query = c.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
