package dev.nextbest.nba.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every decision, whole (candidates, scores, chosen actions with their selection probabilities, model and
 * catalogue versions): to the {@value #TOPIC} topic (CloudEvents binary mode), keyed by customer, for audit and off-policy
 * evaluation, and to PostgreSQL for replay. Neither write is on the decision's path: one thread of its own
 * (not an event loop, so the answer goes out first) writes each decision's JSON and sends it, and queues it
 * to be stored in batches every {@code nextbest.decisions.log-interval}, one statement per batch; a decision
 * not yet stored is replayed from memory. A failed write is retried; a send Kafka refuses, or a decision
 * the writer has no room for, is counted ({@code nba_decision_log_failures_total}) and logged, never
 * dropped silently.
 */
@ApplicationScoped
public class DecisionLog {

    public static final String TOPIC = "nba-decisions";
    public static final String TYPE = "dev.nextbest.nba.decision-made.v1";
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final java.net.URI SOURCE = java.net.URI.create("/nba-service");
    private static final int BATCH = 1000;
    private static final int MAX_PENDING = 100_000;
    private static final int MAX_WAITING_TO_WRITE = 20_000;

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper json;
    private final Pool pool;
    private final Vertx vertx;
    private final Duration interval;
    private final Duration retention;
    /** A decision and its JSON, written once for both stores. */
    private record Entry(Decision decision, byte[] json) {
    }

    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final Map<UUID, Decision> pending = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** Serialises and sends decisions off the event loops; bounded, so a stalled writer cannot eat the heap. */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1,
            0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING_TO_WRITE),
            runnable -> {
                Thread thread = new Thread(runnable, "decision-log-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final Counter kafkaFailures;
    private final Counter storeFailures;
    private final Counter overflow;
    private long timer = -1;

    public DecisionLog(@Channel("nba-decisions") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                       MutinyEmitter<byte[]> emitter, ObjectMapper json, Pool pool, Vertx vertx,
                       MeterRegistry registry,
                       @ConfigProperty(name = "nextbest.decisions.log-interval", defaultValue = "200ms") Duration interval,
                       @ConfigProperty(name = "nextbest.decisions.retention", defaultValue = "P30D") Duration retention) {
        this.emitter = emitter;
        this.json = json;
        this.pool = pool;
        this.vertx = vertx;
        this.interval = interval;
        this.retention = retention;
        this.kafkaFailures = registry.counter("nba.decision.log.failures", "store", "kafka");
        this.storeFailures = registry.counter("nba.decision.log.failures", "store", "postgresql");
        this.overflow = registry.counter("nba.decision.log.failures", "store", "queue-full");
        registry.gauge("nba.decision.log.queued", queued);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> flush());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.errorf("%d decisions were still waiting to be written at shutdown", writer.getQueue().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    /** Keeps the decision for replay at once; its JSON is written and sent by the writer thread. */
    public void record(Decision decision) {
        boolean kept = queued.get() < MAX_PENDING;
        if (kept) {
            pending.put(decision.decisionId(), decision);
        }
        try {
            writer.execute(() -> write(decision, kept));
        } catch (RejectedExecutionException full) {
            pending.remove(decision.decisionId());
            overflow.increment();
            LOG.errorf("decision %s is neither sent nor kept for replay: %d decisions wait to be written",
                    decision.decisionId(), writer.getQueue().size());
        }
    }

    private void write(Decision decision, boolean kept) {
        Entry entry = new Entry(decision, write(decision));
        if (kept) {
            queue.add(entry);
            queued.incrementAndGet();
        } else {
            // PostgreSQL has been away long enough to fill the queue: say so rather than grow without bound.
            overflow.increment();
            LOG.errorf("decision %s is not kept for replay: %d decisions wait to be written", decision.decisionId(), MAX_PENDING);
        }
        publish(entry);
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
                    .supplyAsync(() -> dropQueued(customerId), writer)
                    // Again once no batch is on its way: a batch that failed puts its decisions back in the queue.
                    .thenCompose(count -> noBatchOnItsWay().thenApplyAsync(ignored -> count + dropQueued(customerId), writer)));
            // Back on the subscriber's Vert.x context: what follows (the erasure's transaction) needs it.
            Context caller = io.vertx.core.Vertx.currentContext();
            return caller == null ? forgotten : forgotten.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    private long dropQueued(String customerId) {
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

    private CompletableFuture<Void> noBatchOnItsWay() {
        if (!flushing.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> noBatchOnItsWay());
    }

    /** The customer's decisions made here and not stored yet; read before PostgreSQL, none falls between the two. */
    public List<Decision> unstored(String customerId) {
        return pending.values().stream().filter(decision -> customerId.equals(decision.customerId())).toList();
    }

    /** A decision made here or by any replica, from the queue or PostgreSQL. */
    public Uni<Optional<Decision>> find(UUID id) {
        Decision waiting = pending.get(id);
        if (waiting != null) {
            return Uni.createFrom().item(Optional.of(waiting));
        }
        return pool.preparedQuery("SELECT record FROM decision WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(read(rows.iterator().next().getBuffer(0).getBytes())) : Optional.empty());
    }

    /**
     * CloudEvents binary mode (the Kafka binding: ce_* headers, the decision as the value), written by the
     * connector: the decision's JSON is written once and not wrapped again.
     */
    private void publish(Entry entry) {
        Decision decision = entry.decision();
        String key = decision.customerId() == null ? decision.decisionId().toString() : decision.customerId();
        Message<byte[]> message = Message.of(entry.json())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(decision.decisionId().toString())
                        .withSource(SOURCE)
                        .withType(TYPE)
                        .withSubject(key)
                        .withTimestamp(decision.madeAt().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.sendMessage(message).subscribe().with(ok -> { }, failure -> {
                kafkaFailures.increment();
                LOG.warnf("decision %s could not be sent to %s: %s", decision.decisionId(), TOPIC, failure.getMessage());
            });
        } catch (RuntimeException full) {
            kafkaFailures.increment();
            LOG.warnf("decision %s could not be sent to %s: %s", decision.decisionId(), TOPIC, full.getMessage());
        }
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
                    storeFailures.increment();
                    LOG.warnf("%d decisions could not be written for replay (retried): %s", batch.size(), failure.getMessage());
                    queue.addAll(batch);
                    flushing.set(false);
                });
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM decision WHERE made_at < $1")
                .execute(Tuple.of(Instant.now().minus(retention).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private byte[] write(Decision decision) {
        try {
            return json.writeValueAsBytes(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Decision read(byte[] record) {
        try {
            return json.readValue(record, Decision.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored decision cannot be read", e);
        }
    }
}
