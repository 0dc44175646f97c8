package dev.nextbest.profile.intake;

import dev.nextbest.profile.events.InteractionRecorded;
import dev.nextbest.profile.intake.AppliedEventRepository.NewAppliedEvent;
import dev.nextbest.profile.interactions.InteractionRepository;
import dev.nextbest.profile.interactions.NewInteraction;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileMerge;
import dev.nextbest.profile.profiles.ProfileMergeRepository;
import dev.nextbest.profile.profiles.ProfileRepository;
import dev.nextbest.profile.profiles.ProfileUpdater;
import dev.nextbest.profile.segments.SegmentMembership;
import dev.nextbest.profile.snapshots.ProfileUpdates;
import dev.nextbest.profile.store.EventKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of customer events does, in one transaction:
 * <ol>
 *   <li>route: an event naming a customer merged into another (a channel that has not caught up) goes to the
 *       survivor, remembering the merge so that an unmerge gives it back;</li>
 *   <li>record: each event once, by (source, id), however often it is delivered; an interaction becomes part
 *       of the history, any other event is noted as applied;</li>
 *   <li>apply: the new events are folded into their profiles (locked, made if missing), in event time;</li>
 *   <li>segments: the changed profiles' rule segments are evaluated again, and the profiles saved;</li>
 *   <li>snapshot: one profile-updates snapshot per changed profile, acknowledged by Kafka before the commit
 *       (see {@link ProfileUpdates}).</li>
 * </ol>
 * Every step handles the whole batch in one statement, not one per event: that is what keeps ingestion at
 * thousands of events a second (docs/benchmarks.md).
 * Then the outbox is published and the changed profiles' cached views are marked out of date. A batch is all
 * or nothing: after a failure the whole batch may be given again, and what it had done is found recorded.
 */
@ApplicationScoped
public class CustomerEventProcessor {

    /** How a batch went. */
    public record Outcome(int applied, int duplicates) {
    }

    /** An event and the customer it is applied to. */
    private record Routed(CustomerEvent event, String customerId, ProfileMerge merge) {
        EventKey key() {
            return new EventKey(event.source(), event.id());
        }
    }

    private final InteractionRepository interactions;
    private final AppliedEventRepository applied;
    private final ProfileMergeRepository merges;
    private final ProfileRepository profiles;
    private final ProfileUpdater updater;
    private final SegmentMembership segments;
    private final ProfileUpdates updates;
    private final ProfileCache cache;
    private final Clock clock;

    public CustomerEventProcessor(InteractionRepository interactions, AppliedEventRepository applied,
                                  ProfileMergeRepository merges, ProfileRepository profiles, ProfileUpdater updater,
                                  SegmentMembership segments, ProfileUpdates updates,
                                  ProfileCache cache, Clock clock) {
        this.interactions = interactions;
        this.clock = clock;
        this.applied = applied;
        this.merges = merges;
        this.profiles = profiles;
        this.updater = updater;
        this.segments = segments;
        this.updates = updates;
        this.cache = cache;
    }

    public Uni<Outcome> process(List<CustomerEvent> batch) {
        List<CustomerEvent> events = distinct(batch);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> route(events).chain(routed -> recordNew(routed, now).chain(fresh -> {
                    List<Routed> toApply = routed.stream().filter(r -> fresh.contains(r.key())).toList();
                    return apply(toApply, now).replaceWith(toApply);
                })))
                .call(this::markChanged)
                .map(appliedNow -> new Outcome(appliedNow.size(), batch.size() - appliedNow.size()));
    }

    private Uni<Void> markChanged(List<Routed> appliedNow) {
        Set<String> customerIds = new LinkedHashSet<>();
        appliedNow.forEach(r -> customerIds.add(r.customerId()));
        return cache.changed(customerIds);
    }

    /** The first of several deliveries of one event within the batch. */
    private static List<CustomerEvent> distinct(List<CustomerEvent> batch) {
        Map<EventKey, CustomerEvent> byKey = new LinkedHashMap<>();
        batch.forEach(event -> byKey.putIfAbsent(new EventKey(event.source(), event.id()), event));
        return List.copyOf(byKey.values());
    }

    private Uni<List<Routed>> route(List<CustomerEvent> events) {
        Set<String> named = new HashSet<>();
        events.forEach(event -> named.add(event.customerId()));
        return merges.activeMergesOf(named).map(active -> events.stream().map(event -> {
            ProfileMerge merge = active.get(event.customerId());
            return new Routed(event, merge == null ? event.customerId() : merge.survivorId, merge);
        }).toList());
    }

    /** @return the events that had not been recorded before */
    private Uni<Set<EventKey>> recordNew(List<Routed> routed, Instant now) {
        List<NewInteraction> newInteractions = new ArrayList<>();
        List<NewAppliedEvent> newApplied = new ArrayList<>();
        for (Routed r : routed) {
            CustomerEvent event = r.event();
            if (event.data() instanceof InteractionRecorded interaction) {
                newInteractions.add(new NewInteraction(event.source(), event.id(), r.customerId(),
                        interaction.channel().wire(), interaction.kind(), event.occurredAt(), now,
                        interaction.attributesOrEmpty(), r.merge() == null ? null : r.merge().mergeId,
                        r.merge() == null ? null : event.customerId()));
            } else {
                newApplied.add(new NewAppliedEvent(event.source(), event.id(), r.customerId(), now));
            }
        }
        return interactions.recordNew(newInteractions).chain(recorded -> applied.recordNew(newApplied).map(noted -> {
            Set<EventKey> fresh = new HashSet<>(recorded);
            fresh.addAll(noted);
            return fresh;
        }));
    }

    private Uni<Void> apply(List<Routed> toApply, Instant now) {
        if (toApply.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> customerIds = new HashSet<>();
        toApply.forEach(r -> customerIds.add(r.customerId()));
        return profiles.lockOrCreate(customerIds, now).chain(locked -> {
            toApply.stream()
                    .sorted(Comparator.comparing(r -> r.event().occurredAt()))
                    .forEach(r -> updater.apply(locked.get(r.customerId()), r.event().data(), r.event().occurredAt(), now));
            List<Profile> changed = List.copyOf(locked.values());
            return Multi.createFrom().iterable(changed).onItem().transformToUniAndConcatenate(profile -> segments.update(profile, now))
                    .collect().asList()
                    // PostgreSQL saves the profiles while the snapshots are built and sent: both are under the
                    // profiles' locks and before the commit, which is all their order needs.
                    .chain(() -> Uni.combine().all()
                            .unis(profiles.save(changed), Uni.createFrom().deferred(() -> updates.changed(changed)))
                            .discardItems());
        });
    }
}
