package dev.nextbest.profile.intake;

import dev.nextbest.profile.interactions.InteractionRecorder;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileUpdater;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What one customer event does, in one transaction: record the interaction and, if the event is new, fold
 * it into the profile's traits. Then the cached profile view is evicted. A redelivered event changes
 * nothing: the interaction's event id is unique.
 */
@ApplicationScoped
public class CustomerEventProcessor {

    private final InteractionRecorder interactions;
    private final ProfileUpdater profiles;
    private final ProfileCache cache;

    public CustomerEventProcessor(InteractionRecorder interactions, ProfileUpdater profiles, ProfileCache cache) {
        this.interactions = interactions;
        this.profiles = profiles;
        this.cache = cache;
    }

    /** @return true if the event was new, false if it had been processed before */
    public Uni<Boolean> process(CustomerEvent event) {
        return Panache.withTransaction(() -> interactions.record(event.source(), event.id(), event.customerId(),
                        event.occurredAt(), event.data())
                .call(isNew -> isNew
                        ? profiles.apply(event.customerId(), event.data(), event.occurredAt())
                        : Uni.createFrom().voidItem()))
                .call(isNew -> isNew ? cache.evict(event.customerId()) : Uni.createFrom().voidItem());
    }
}
