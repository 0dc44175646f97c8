package dev.nextbest.nba.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every decision, whole (candidates, scores, chosen actions with their selection probabilities, model and
 * catalogue versions), to the {@value #TOPIC} topic ({@link DecisionPublisher}) and to PostgreSQL for replay
 * ({@link DecisionStore}). Neither write is on the decision's path: one thread of its own (not an event loop,
 * so the answer goes out first) writes each decision's JSON once, sends it and queues it to be stored. A
 * decision the writer has no room for is counted ({@code nba_decision_log_failures_total{store="queue-full"}})
 * and logged, never dropped silently.
 */
@ApplicationScoped
public class DecisionLog {

    public static final String TOPIC = "nba-decisions";
    public static final String TYPE = "dev.nextbest.nba.decision-made.v1";
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final int MAX_WAITING_TO_WRITE = 20_000;

    private final DecisionStore store;
    private final DecisionPublisher publisher;
    private final ObjectMapper json;
    /** Serialises and sends decisions off the event loops; bounded, so a stalled writer cannot eat the heap. */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1,
            0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING_TO_WRITE),
            runnable -> {
                Thread thread = new Thread(runnable, "decision-log-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final Counter overflow;

    DecisionLog(DecisionStore store, DecisionPublisher publisher, ObjectMapper json, MeterRegistry registry) {
        this.store = store;
        this.publisher = publisher;
        this.json = json;
        this.overflow = registry.counter("nba.decision.log.failures", "store", "queue-full");
    }

    void stop(@Observes ShutdownEvent stopping) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.errorf("%d decisions were still waiting to be written at shutdown", writer.getQueue().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.flush();
    }

    /** Keeps the decision for replay at once; its JSON is written and sent by the writer thread. */
    public void record(Decision decision) {
        boolean kept = store.hold(decision);
        try {
            writer.execute(() -> write(decision, kept));
        } catch (RejectedExecutionException full) {
            store.release(decision);
            overflow.increment();
            LOG.errorf("decision %s is neither sent nor kept for replay: %d decisions wait to be written",
                    decision.decisionId(), writer.getQueue().size());
        }
    }

    private void write(Decision decision, boolean kept) {
        byte[] record = write(decision);
        if (kept) {
            store.queue(decision, record);
        } else {
            // PostgreSQL has been away long enough to fill the queue: say so rather than grow without bound.
            overflow.increment();
            LOG.errorf("decision %s is not kept for replay: %d decisions wait to be written", decision.decisionId(),
                    DecisionStore.MAX_PENDING);
        }
        publisher.publish(decision, record);
    }

    /**
     * For an erasure: drops the customer's decisions that are not stored yet, once the writer has handled
     * every decision recorded before the call, and completes when no batch is on its way to PostgreSQL, so
     * that a delete run afterwards finds every stored one.
     *
     * @return how many were dropped
     */
    public Uni<Long> forget(String customerId) {
        return Uni.createFrom().deferred(() -> {
            Uni<Long> forgotten = Uni.createFrom().completionStage(CompletableFuture
                    .supplyAsync(() -> store.dropQueued(customerId), writer)
                    // Again once no batch is on its way: a batch that failed puts its decisions back in the queue.
                    .thenCompose(count -> store.noBatchOnItsWay()
                            .thenApplyAsync(ignored -> count + store.dropQueued(customerId), writer)));
            // Back on the subscriber's Vert.x context: what follows (the erasure's transaction) needs it.
            Context caller = io.vertx.core.Vertx.currentContext();
            return caller == null ? forgotten : forgotten.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    /** The customer's decisions made here and not stored yet; read before PostgreSQL, none falls between the two. */
    public List<Decision> unstored(String customerId) {
        return store.unstored(customerId);
    }

    /** A decision made here or by any replica, from the queue or PostgreSQL. */
    public Uni<Optional<Decision>> find(UUID id) {
        return store.find(id);
    }

    /** Stores what is queued now, rather than at the next interval. */
    void flush() {
        store.flush();
    }

    private byte[] write(Decision decision) {
        try {
            return json.writeValueAsBytes(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
