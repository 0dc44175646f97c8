package dev.nextbest.nba.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decisions kept for replay in PostgreSQL ({@code decision}, pruned after {@code nextbest.decisions.retention}):
 * queued and stored in batches every {@code nextbest.decisions.log-interval}, one statement per batch; a
 * decision not stored yet is found in memory. A failed batch goes back to the queue and is retried; failures
 * are counted ({@code nba_decision_log_failures_total{store="postgresql"}}).
 */
@ApplicationScoped
class DecisionStore {

    static final int MAX_PENDING = 100_000;
    private static final Logger LOG = Logger.getLogger(DecisionStore.class);
    private static final int BATCH = 1000;

    /** A decision and its JSON, written once for both stores. */
    record Entry(Decision decision, byte[] json) {
    }

    private final ObjectMapper json;
    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration interval;
    private final Duration retention;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final Map<UUID, Decision> pending = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Counter failures;
    private long timer = -1;

    DecisionStore(ObjectMapper json, Pool pool, Vertx vertx, Clock clock, MeterRegistry registry, DecisionConfig config) {
        this.json = json;
        this.pool = pool;
        this.vertx = vertx;
        this.clock = clock;
        this.interval = config.logInterval();
        this.retention = config.retention();
        this.failures = registry.counter("nba.decision.log.failures", "store", "postgresql");
        registry.gauge("nba.decision.log.queued", queued);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> flush());
    }

    /** Stops the timer; the log flushes once more after its writer has finished. */
    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Keeps the decision for replay until it is stored, if there is room (PostgreSQL may have been away long). */
    boolean hold(Decision decision) {
        if (queued.get() >= MAX_PENDING) {
            return false;
        }
        pending.put(decision.decisionId(), decision);
        return true;
    }

    /** A held decision that will not be queued after all. */
    void release(Decision decision) {
        pending.remove(decision.decisionId());
    }

    /** Queues a held decision, with its JSON, for the next batch. */
    void queue(Decision decision, byte[] record) {
        queue.add(new Entry(decision, record));
        queued.incrementAndGet();
    }

    /** Drops the customer's queued decisions; @return how many */
    long dropQueued(String customerId) {
        long count = 0;
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (customerId.equals(entry.decision().customerId()) && queue.remove(entry)) {
                pending.remove(entry.decision().decisionId());
                queued.decrementAndGet();
                count++;
            }
        }
        return count;
    }

    /** Completes once no batch is on its way to PostgreSQL (a batch that failed is back in the queue by then). */
    CompletableFuture<Void> noBatchOnItsWay() {
        if (!flushing.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> noBatchOnItsWay());
    }

    /** The customer's decisions made here and not stored yet; read before PostgreSQL, none falls between the two. */
    List<Decision> unstored(String customerId) {
        return pending.values().stream().filter(decision -> customerId.equals(decision.customerId())).toList();
    }

    /** A decision made here or by any replica, from the queue or PostgreSQL. */
    Uni<Optional<Decision>> find(UUID id) {
        Decision waiting = pending.get(id);
        if (waiting != null) {
            return Uni.createFrom().item(Optional.of(waiting));
        }
        return pool.preparedQuery("SELECT record FROM decision WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(read(rows.iterator().next().getBuffer(0).getBytes())) : Optional.empty());
    }

    void flush() {
        if (queue.isEmpty() || !flushing.compareAndSet(false, true)) {
            return;
        }
        List<Entry> batch = new ArrayList<>(BATCH);
        for (Entry next; batch.size() < BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        UUID[] ids = new UUID[batch.size()];
        String[] customers = new String[batch.size()];
        OffsetDateTime[] times = new OffsetDateTime[batch.size()];
        Buffer[] records = new Buffer[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Decision decision = batch.get(i).decision();
            ids[i] = decision.decisionId();
            customers[i] = decision.customerId();
            times[i] = decision.madeAt().atOffset(ZoneOffset.UTC);
            records[i] = Buffer.buffer(batch.get(i).json());
        }
        pool.preparedQuery("""
                        INSERT INTO decision (id, customer_id, made_at, record)
                        SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::bytea[])
                        ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.of(ids, customers, times, records))
                .subscribe().with(done -> {
                    batch.forEach(entry -> pending.remove(entry.decision().decisionId()));
                    queued.addAndGet(-batch.size());
                    flushing.set(false);
                    if (!queue.isEmpty()) {
                        flush();
                    }
                }, failure -> {
                    failures.increment();
                    LOG.warnf("%d decisions could not be written for replay (retried): %s", batch.size(), failure.getMessage());
                    queue.addAll(batch);
                    flushing.set(false);
                });
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM decision WHERE made_at < $1")
                .execute(Tuple.of(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private Decision read(byte[] record) {
        try {
            return json.readValue(record, Decision.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored decision cannot be read", e);
        }
    }
}
