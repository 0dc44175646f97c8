package dev.nextbest.privacy.events;

import io.cloudevents.jackson.JsonFormat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox events to Kafka in the order they were written, then marks them published. Runs right
 * after a change commits and, as a safety net, on a schedule. Delivery is at least once (a crash between
 * the broker's ack and the commit republishes); consumers are idempotent by event id.
 *
 * <p>One relay at a time across all replicas (a PostgreSQL advisory lock), so order per key holds.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    /** An erasure's confirmation names the customer it erased: once Kafka has it, no copy stays here. */
    private static final java.util.Set<String> FORGOTTEN_ONCE_SENT = java.util.Set.of("privacy-acks");
    private static final long ADVISORY_LOCK = 0x7072_5F6F_7574L; // "pr_out"
    private static final byte[] CONTENT_TYPE = JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final MutinyEmitter<byte[]> emitter;
    private final Vertx vertx;
    private final Duration retention;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean rerun;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<byte[]> emitter, Vertx vertx,
                       @ConfigProperty(name = "nextbest.outbox.retention") Duration retention) {
        this.emitter = emitter;
        this.vertx = vertx;
        this.retention = retention;
    }

    /**
     * Starts publishing without waiting for it, on a context of its own: the caller's transaction is over
     * and its request need not wait for Kafka. Failures are left to the next sweep.
     */
    public void trigger() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> publishPending().subscribe().with(
                done -> { },
                failure -> LOG.warnf("outbox relay: publishing failed, the sweep will retry: %s", failure.toString())));
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
        Instant cutoff = Instant.now().minus(retention);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createMutationQuery("delete from OutboxEvent where publishedAt < :cutoff")
                        .setParameter("cutoff", cutoff)
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
                        .getResultList())
                .chain(pending -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(event -> publish(session, event))
                        .collect().asList()
                        .map(List::size))));
    }

    private Uni<OutboxEvent> publish(Mutiny.Session session, OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        if (event.payload != null) {
            headers.add("content-type", CONTENT_TYPE);
        }
        Message<byte[]> message = Message.of(event.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.recordKey)
                .withHeaders(headers)
                .build());
        return emitter.sendMessage(message)
                .chain(() -> FORGOTTEN_ONCE_SENT.contains(event.topic) ? session.remove(event)
                        : Uni.createFrom().voidItem().invoke(() -> event.publishedAt = Instant.now()))
                .replaceWith(event);
    }
}
