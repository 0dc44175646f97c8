package dev.nextbest.profile.intake;

import dev.nextbest.profile.interactions.InteractionRecorder;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileMergeRepository;
import dev.nextbest.profile.profiles.ProfileUpdater;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What one customer event does, in one transaction: record the interaction and, if the event is new, fold
 * it into the profile's traits. Then the cached profile view is evicted. A redelivered event changes
 * nothing: the interaction's event id is unique. An event that names a customer merged into another (a
 * channel that has not caught up) is applied to the survivor, and given back if the merge is undone.
 */
@ApplicationScoped
public class CustomerEventProcessor {

    private final InteractionRecorder interactions;
    private final ProfileUpdater profiles;
    private final ProfileMergeRepository merges;
    private final ProfileCache cache;

    public CustomerEventProcessor(InteractionRecorder interactions, ProfileUpdater profiles,
                                  ProfileMergeRepository merges, ProfileCache cache) {
        this.interactions = interactions;
        this.profiles = profiles;
        this.merges = merges;
        this.cache = cache;
    }

    /** @return true if the event was new, false if it had been processed before */
    public Uni<Boolean> process(CustomerEvent event) {
        String[] appliedTo = new String[1];
        return Panache.withTransaction(() -> merges.activeMergeOf(event.customerId()).chain(merge -> {
                    String customerId = merge == null ? event.customerId() : merge.survivorId;
                    appliedTo[0] = customerId;
                    return interactions.record(event.source(), event.id(), customerId, event.occurredAt(),
                                    event.data(), merge == null ? null : merge.mergeId, merge == null ? null : event.customerId())
                            .call(isNew -> isNew
                                    ? profiles.apply(customerId, event.data(), event.occurredAt())
                                    : Uni.createFrom().voidItem());
                }))
                .call(isNew -> isNew ? cache.evict(appliedTo[0]) : Uni.createFrom().voidItem());
    }
}
