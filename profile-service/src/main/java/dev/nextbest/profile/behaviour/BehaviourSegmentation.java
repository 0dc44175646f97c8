package dev.nextbest.profile.behaviour;

import dev.nextbest.commons.events.Background;
import dev.nextbest.profile.ProfileConfig;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileRepository;
import dev.nextbest.profile.snapshots.ProfileUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Learns behavioural segments, one run at a time across replicas: reads every profile's behaviour vector (a page at a time, without locks),
 * clusters them ({@link BehaviourClustering}), compares with the last completed run, then writes each
 * customer whose cluster changed (a page per transaction, under lock, with a snapshot and a cache update, as
 * for any change) and records the run. On a schedule and on request; one run at a time in a replica.
 */
@ApplicationScoped
public class BehaviourSegmentation {

    private static final Logger LOG = Logger.getLogger(BehaviourSegmentation.class);
    static final int PAGE = 1_000;
    /** A run still RUNNING after this long belonged to a replica that stopped mid-run. */
    static final Duration STALE_AFTER = Duration.ofHours(6);
    /** Fewer profiles than this per cluster and the clusters say nothing; the run is skipped. */
    static final int MIN_PROFILES_PER_CLUSTER = 10;

    private final ProfileRepository profiles;
    private final BehaviourRunRepository runs;
    private final ProfileUpdates updates;
    private final ProfileCache cache;
    private final Vertx vertx;
    private final int clusters;
    private final Clock clock;
    private final AtomicReference<UUID> running = new AtomicReference<>();

    public BehaviourSegmentation(ProfileRepository profiles, BehaviourRunRepository runs, ProfileUpdates updates,
                                 ProfileCache cache, Vertx vertx,
                                 ProfileConfig config, Clock clock) {
        this.clock = clock;
        this.profiles = profiles;
        this.runs = runs;
        this.updates = updates;
        this.cache = cache;
        this.vertx = vertx;
        this.clusters = config.behaviour().clusters();
    }

    /**
     * Records a new run and starts it in the background; one at a time across all replicas.
     *
     * @return the run as started, or null when one is in progress already (here or in another replica)
     */
    public Uni<BehaviourRun> start(String trigger) {
        UUID id = UUID.randomUUID();
        if (!running.compareAndSet(null, id)) {
            return Uni.createFrom().nullItem();
        }
        BehaviourRun run = new BehaviourRun();
        run.id = id;
        run.trigger = trigger;
        run.status = BehaviourRun.Status.RUNNING.name();
        run.startedAt = clock.instant();
        return Panache.withTransaction(() -> runs.startUnlessRunning(run, STALE_AFTER))
                .invoke(started -> {
                    if (started) {
                        // execute() records its own failure in the run.
                        Background.start(vertx, () -> execute(id), failure -> { });
                    } else {
                        running.set(null);
                    }
                })
                .onFailure().invoke(() -> running.set(null))
                .map(started -> started ? run : null);
    }

    @Scheduled(every = "${nextbest.profile.behaviour.interval}", delayed = "${nextbest.profile.behaviour.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return start("schedule").replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("behavioural segmentation could not start: %s", failure.toString());
            return null;
        });
    }

    private Uni<Void> execute(UUID id) {
        Map<String, double[]> vectors = new HashMap<>();
        Map<String, String> before = new HashMap<>();
        Instant now = clock.instant();
        return Uni.createFrom().deferred(() -> read("", vectors, before, now))
                .chain(() -> Panache.withSession(runs::latestCompleted))
                .chain(previous -> {
                    if (vectors.size() < (long) clusters * MIN_PROFILES_PER_CLUSTER) {
                        return finish(id, BehaviourRun.Status.SKIPPED, vectors.size(), Map.of(), BehaviourRun.Drift.NONE,
                                "too few profiles to cluster: " + vectors.size() + ", at least "
                                        + clusters * MIN_PROFILES_PER_CLUSTER + " needed for " + clusters + " clusters");
                    }
                    BehaviourClustering.Result result = BehaviourClustering.cluster(vectors, clusters,
                            previous == null ? Map.of() : previous.clusters);
                    BehaviourRun.Drift drift = drift(previous, before, result.labels());
                    List<String> changed = new ArrayList<>();
                    result.labels().forEach((customer, label) -> {
                        if (!label.equals(before.get(customer))) {
                            changed.add(customer);
                        }
                    });
                    LOG.infof("behavioural segmentation %s: %d profiles in %d clusters; %d moved, %d new",
                            id, vectors.size(), result.clusters().size(), drift.moved(), drift.newcomers());
                    return write(changed, result.labels(), 0)
                            .chain(() -> finish(id, BehaviourRun.Status.COMPLETED, vectors.size(), result.clusters(), drift, null));
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("behavioural segmentation %s failed: %s", id, failure.toString());
                    return finish(id, BehaviourRun.Status.FAILED, vectors.size(), Map.of(), BehaviourRun.Drift.NONE,
                            failure.getClass().getSimpleName());
                })
                .onTermination().invoke(() -> running.set(null));
    }

    private Uni<Void> read(String after, Map<String, double[]> vectors, Map<String, String> before, Instant now) {
        return Panache.withSession(() -> profiles.pageAfter(after, PAGE)).chain(page -> {
            page.forEach(profile -> {
                vectors.put(profile.customerId, BehaviourVector.of(profile.traits, now));
                if (profile.behaviourSegment != null) {
                    before.put(profile.customerId, profile.behaviourSegment);
                }
            });
            return page.size() < PAGE ? Uni.createFrom().voidItem()
                    : read(page.get(page.size() - 1).customerId, vectors, before, now);
        });
    }

    /** Writes the new labels a page at a time; a customer erased meanwhile is simply not there any more. */
    private Uni<Void> write(List<String> changed, Map<String, String> labels, int from) {
        if (from >= changed.size()) {
            return Uni.createFrom().voidItem();
        }
        List<String> page = changed.subList(from, Math.min(from + PAGE, changed.size()));
        List<Profile> written = new ArrayList<>();
        return Panache.withTransaction(() -> profiles.lock(page).chain(locked -> {
                    locked.values().forEach(profile -> {
                        profile.behaviourSegment = labels.get(profile.customerId);
                        profile.updatedAt = clock.instant();
                        written.add(profile);
                    });
                    return profiles.save(written).chain(() -> updates.changed(written));
                }))
                .call(() -> cache.changed(written.stream().map(profile -> profile.customerId).toList()))
                .chain(() -> write(changed, labels, from + PAGE));
    }

    private static BehaviourRun.Drift drift(BehaviourRun previous, Map<String, String> before, Map<String, String> after) {
        long compared = 0;
        long moved = 0;
        long newcomers = 0;
        Map<String, Map<String, Long>> moves = new TreeMap<>();
        for (Map.Entry<String, String> entry : after.entrySet()) {
            String old = before.get(entry.getKey());
            if (old == null) {
                newcomers++;
                continue;
            }
            compared++;
            if (!old.equals(entry.getValue())) {
                moved++;
                moves.computeIfAbsent(old, ignored -> new TreeMap<>()).merge(entry.getValue(), 1L, Long::sum);
            }
        }
        return new BehaviourRun.Drift(previous == null ? null : previous.id, compared, moved, newcomers, moves);
    }

    private Uni<Void> finish(UUID id, BehaviourRun.Status status, long profileCount,
                             Map<String, BehaviourClustering.Cluster> found, BehaviourRun.Drift drift, String detail) {
        return Panache.withTransaction(() -> runs.findById(id).invoke(run -> {
            run.status = status.name();
            run.completedAt = clock.instant();
            run.profiles = profileCount;
            run.clusters = new HashMap<>(found);
            run.drift = drift;
            run.detail = detail;
        })).replaceWithVoid();
    }
}
