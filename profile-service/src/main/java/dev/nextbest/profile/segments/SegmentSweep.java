package dev.nextbest.profile.segments;

import dev.nextbest.commons.events.Background;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileRepository;
import dev.nextbest.profile.snapshots.ProfileUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Evaluates every profile's segments again, a page of profiles per transaction, without waiting for events:
 * after a segment is created or deleted (so that existing customers join or leave it now), and on a schedule,
 * because a rule may depend on time ("no complaint for 30 days") and a quiet customer's membership then
 * changes with no event at all. Changes are published like any other (membership events, snapshots, cache).
 * One sweep at a time per replica; a request during a sweep runs another one after it.
 */
@ApplicationScoped
public class SegmentSweep {

    private static final Logger LOG = Logger.getLogger(SegmentSweep.class);
    static final int PAGE = 500;

    private final ProfileRepository profiles;
    private final SegmentMembership membership;
    private final ProfileUpdates updates;
    private final ProfileCache cache;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean rerun;

    public SegmentSweep(ProfileRepository profiles, SegmentMembership membership, ProfileUpdates updates,
                        ProfileCache cache, Vertx vertx, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
        this.membership = membership;
        this.updates = updates;
        this.cache = cache;
        this.vertx = vertx;
    }

    /** Starts a sweep without waiting for it, on a context of its own. */
    public void trigger() {
        Background.start(vertx, this::sweep, failure ->
                LOG.warnf("segment sweep failed, the next one will catch up: %s", failure.toString()));
    }

    @Scheduled(every = "${nextbest.profile.segments.sweep-interval}", delayed = "${nextbest.profile.segments.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("segment sweep failed, will run again: %s", failure.toString());
            return null;
        });
    }

    /** @return how many profiles changed membership */
    public Uni<Long> sweep() {
        if (!running.compareAndSet(false, true)) {
            rerun = true;
            return Uni.createFrom().item(0L);
        }
        rerun = false;
        long[] changed = {0};
        return Uni.createFrom().deferred(() -> page("", changed))
                .onTermination().invoke(() -> running.set(false))
                .invoke(() -> LOG.infof("segment sweep: %d profiles changed membership", changed[0]))
                .call(() -> rerun ? sweep() : Uni.createFrom().voidItem())
                .map(ignored -> changed[0]);
    }

    private Uni<Void> page(String after, long[] changed) {
        List<Profile> moved = new ArrayList<>();
        String[] last = {null};
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.lockPageAfter(after, PAGE).chain(page -> {
                    if (!page.isEmpty()) {
                        last[0] = page.get(page.size() - 1).customerId;
                    }
                    return Multi.createFrom().iterable(page).onItem()
                            .transformToUniAndConcatenate(profile -> membership.update(profile, now)
                                    .invoke(joinedOrLeft -> {
                                        if (joinedOrLeft) {
                                            moved.add(profile);
                                        }
                                    }))
                            .collect().asList()
                            .chain(() -> profiles.save(moved))
                            .chain(() -> updates.changed(moved));
                }))
                .invoke(() -> changed[0] += moved.size())
                .call(() -> cache.changed(moved.stream().map(profile -> profile.customerId).toList()))
                .chain(() -> last[0] == null ? Uni.createFrom().voidItem() : page(last[0], changed));
    }
}
