package dev.nextbest.commons.events;

import io.cloudevents.jackson.JsonFormat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox events to Kafka in the order they were written, then marks them published. Woken by every
 * commit that wrote to the outbox ({@link OutboxWakeUp}) and, as a safety net, on a schedule. Delivery is at
 * least once (a crash between the broker's ack and the commit republishes); consumers are idempotent by
 * event id.
 *
 * <p>One relay at a time across all replicas (a PostgreSQL advisory lock, local to the service's database),
 * so order per key holds.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long ADVISORY_LOCK = 0x6F75_7462_6F78L; // "outbox"
    private static final byte[] CONTENT_TYPE = JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    /** An erasure's confirmation names the customer it erased: once Kafka has it, no copy stays here. */
    private static final Set<String> FORGOTTEN_ONCE_SENT = Set.of("privacy-acks");

    private final MutinyEmitter<byte[]> emitter;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration retention;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean rerun;

    public OutboxRelay(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
                       MutinyEmitter<byte[]> emitter, // a whole batch is handed over at once
                       Vertx vertx, Clock clock, OutboxConfig config) {
        this.emitter = emitter;
        this.vertx = vertx;
        this.clock = clock;
        this.retention = config.retention();
    }

    /**
     * Starts publishing without waiting for it, on a context of its own: the writer's transaction is over
     * and its request need not wait for Kafka. Failures are left to the next sweep.
     */
    void trigger() {
        Background.start(vertx, this::publishPending, failure ->
                LOG.warnf("outbox relay: publishing failed, the sweep will retry: %s", failure.toString()));
    }

    // Not before the application runs: until then the Kafka channel may not be connected yet.
    @Scheduled(every = "${nextbest.outbox.sweep-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return publishPending().onFailure().recoverWithItem(failure -> {
            LOG.warnf("outbox relay: publishing failed, will retry: %s", failure.toString());
            return null;
        });
    }

    /** Deletes events published longer ago than the retention: Kafka, not the outbox, keeps the event history. */
    @Scheduled(every = "${nextbest.outbox.prune-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createMutationQuery("delete from OutboxEvent where publishedAt < :cutoff")
                        .setParameter("cutoff", clock.instant().minus(retention))
                        .executeUpdate()))
                .invoke(deleted -> LOG.debugf("outbox relay: pruned %d published events", deleted))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("outbox relay: pruning failed, will retry: %s", failure.toString());
                    return null;
                });
    }

    /** Publishes everything pending. Safe to call at any time; concurrent calls collapse into one run. */
    public Uni<Void> publishPending() {
        if (!running.compareAndSet(false, true)) {
            rerun = true;
            return Uni.createFrom().voidItem();
        }
        // Deferred, so that even a failure thrown while building the pipeline releases the guard.
        return Uni.createFrom().deferred(this::drain).onTermination().invoke(() -> running.set(false));
    }

    private Uni<Void> drain() {
        rerun = false;
        return publishBatch().chain(published -> published == BATCH || rerun ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> publishBatch() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(" + ADVISORY_LOCK + ")", Boolean.class)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(List.<OutboxEvent>of()) : session
                        .createNativeQuery("SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT "
                                + BATCH, OutboxEvent.class)
                        .setReadOnly(true) // marked published by one statement below, not entity by entity
                        .getResultList())
                .chain(pending -> pending.isEmpty() ? Uni.createFrom().item(0)
                        : publishAll(pending).chain(() -> markPublished(session, pending)).replaceWith(pending.size()))));
    }

    /**
     * Hands every event to the producer in outbox order, then waits for all the acks: the producer keeps
     * that order per partition (idempotent, at most 5 requests in flight), and one round of acks per batch
     * instead of one per event is what lets snapshots keep up with ingestion.
     */
    private Uni<Void> publishAll(List<OutboxEvent> pending) {
        // The join subscribes to the sends one after another, so they reach the producer in this order.
        return Uni.join().all(pending.stream().map(this::send).toList()).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> markPublished(Mutiny.Session session, List<OutboxEvent> published) {
        List<Long> ids = published.stream().map(event -> event.id).toList();
        return session.createMutationQuery("update OutboxEvent set publishedAt = :now where id in :ids")
                .setParameter("now", clock.instant())
                .setParameter("ids", ids)
                .executeUpdate()
                .chain(() -> session.createMutationQuery("delete from OutboxEvent where topic in :topics and id in :ids")
                        .setParameter("topics", FORGOTTEN_ONCE_SENT)
                        .setParameter("ids", ids)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        if (event.payload != null) { // a tombstone has no content
            headers.add("content-type", CONTENT_TYPE);
        }
        Message<byte[]> message = Message.of(event.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.recordKey)
                .withHeaders(headers)
                .build());
        return emitter.sendMessage(message);
    }
}
