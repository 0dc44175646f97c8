package dev.nextbest.profile.intake;

import dev.nextbest.profile.events.OutboxRelay;
import dev.nextbest.profile.interactions.InteractionRecorded;
import dev.nextbest.profile.interactions.InteractionRecorder;
import dev.nextbest.profile.profiles.AttributesChanged;
import dev.nextbest.profile.profiles.HoldingChanged;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileMergeRepository;
import dev.nextbest.profile.profiles.ProfileUpdater;
import dev.nextbest.profile.profiles.ScoresPredicted;
import dev.nextbest.profile.segments.SegmentMembership;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What one customer event does, in one transaction: record the interaction and, if the event is new, fold
 * it into the profile's traits. Then the cached profile view is marked out of date. A redelivered event changes
 * nothing: the interaction's event id is unique. An event that names a customer merged into another (a
 * channel that has not caught up) is applied to the survivor, and given back if the merge is undone. The
 * changed profile's segments are evaluated again in the same transaction.
 */
@ApplicationScoped
public class CustomerEventProcessor {

    private final InteractionRecorder interactions;
    private final ProfileUpdater profiles;
    private final ProfileMergeRepository merges;
    private final AppliedEventRepository applied;
    private final SegmentMembership segments;
    private final OutboxRelay relay;
    private final ProfileCache cache;

    public CustomerEventProcessor(InteractionRecorder interactions, ProfileUpdater profiles,
                                  ProfileMergeRepository merges, AppliedEventRepository applied,
                                  SegmentMembership segments, OutboxRelay relay, ProfileCache cache) {
        this.interactions = interactions;
        this.applied = applied;
        this.segments = segments;
        this.relay = relay;
        this.profiles = profiles;
        this.merges = merges;
        this.cache = cache;
    }

    /** @return true if the event was new, false if it had been processed before */
    public Uni<Boolean> process(CustomerEvent event) {
        String[] appliedTo = new String[1];
        boolean[] segmentsChanged = new boolean[1];
        return Panache.withTransaction(() -> merges.activeMergeOf(event.customerId()).chain(merge -> {
                    String customerId = merge == null ? event.customerId() : merge.survivorId;
                    appliedTo[0] = customerId;
                    Uni<Boolean> isNew = event.data() instanceof InteractionRecorded interaction
                            ? interactions.record(event.source(), event.id(), customerId, event.occurredAt(),
                                    interaction, merge == null ? null : merge.mergeId, merge == null ? null : event.customerId())
                            : applied.recordOnce(event, customerId);
                    return isNew.call(fresh -> !fresh ? Uni.createFrom().voidItem() : apply(customerId, event)
                            .chain(segments::update)
                            .invoke(changed -> segmentsChanged[0] = changed));
                }))
                .invoke(() -> {
                    if (segmentsChanged[0]) {
                        relay.trigger();
                    }
                })
                .call(isNew -> isNew ? cache.changed(appliedTo[0]) : Uni.createFrom().voidItem());
    }

    private Uni<Profile> apply(String customerId, CustomerEvent event) {
        if (event.data() instanceof InteractionRecorded interaction) {
            return profiles.apply(customerId, interaction, event.occurredAt());
        }
        if (event.data() instanceof AttributesChanged changed) {
            return profiles.apply(customerId, changed, event.occurredAt());
        }
        if (event.data() instanceof HoldingChanged changed) {
            return profiles.apply(customerId, changed, event.occurredAt());
        }
        if (event.data() instanceof ScoresPredicted predicted) {
            return profiles.apply(customerId, predicted, event.occurredAt());
        }
        throw new IllegalStateException("no handling for " + event.data().getClass().getSimpleName());
    }
}
