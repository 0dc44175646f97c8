package dev.nextbest.profile.consents;

import dev.nextbest.profile.profiles.Consent;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileRepository;
import dev.nextbest.profile.segments.SegmentMembership;
import dev.nextbest.profile.snapshots.ProfileUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the profile's consents summary in step with privacy-service, in one transaction per event: the
 * state replaces the previous one unless an event with a later time was applied already (events may arrive
 * late or twice). Segments, the snapshot and the cache follow, as for any change.
 */
@ApplicationScoped
public class ConsentMirror {

    private final ProfileRepository profiles;
    private final SegmentMembership segments;
    private final ProfileUpdates updates;
    private final ProfileCache cache;
    private final Clock clock;

    public ConsentMirror(ProfileRepository profiles, SegmentMembership segments, ProfileUpdates updates, ProfileCache cache,
                         Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
        this.segments = segments;
        this.updates = updates;
        this.cache = cache;
    }

    /** @return whether the state was applied (false: an older event than the one applied) */
    public Uni<Boolean> apply(ConsentsChanged changed, Instant eventTime) {
        String customerId = changed.customerId();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.lockOrCreate(List.of(customerId), now).chain(locked -> {
                    Profile profile = locked.get(customerId);
                    if (profile.consentsAsOf != null && !eventTime.isAfter(profile.consentsAsOf)) {
                        return Uni.createFrom().item(false);
                    }
                    Map<String, Consent> consents = new TreeMap<>();
                    changed.consents().forEach((purpose, consent) ->
                            consents.put(purpose, new Consent(consent.status(), consent.changedAt())));
                    profile.consents = consents;
                    profile.consentsAsOf = eventTime;
                    profile.updatedAt = now;
                    return segments.update(profile, now)
                            .chain(() -> profiles.save(List.of(profile)))
                            .chain(() -> updates.changed(List.of(profile)))
                            .replaceWith(true);
                }))
                .call(applied -> applied ? cache.changed(customerId) : Uni.createFrom().voidItem());
    }
}
