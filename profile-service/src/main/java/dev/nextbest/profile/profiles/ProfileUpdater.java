package dev.nextbest.profile.profiles;

import dev.nextbest.profile.interactions.InteractionRecorded;
import dev.nextbest.profile.traits.TraitUpdater;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Applies a new interaction to the customer's profile, creating the profile with the first one. */
@ApplicationScoped
public class ProfileUpdater {

    private final ProfileRepository profiles;
    private final TraitUpdater traits;
    private final Clock clock = Clock.systemUTC();

    public ProfileUpdater(ProfileRepository profiles, TraitUpdater traits) {
        this.profiles = profiles;
        this.traits = traits;
    }

    /** Inside the caller's transaction, which also records the interaction. */
    public Uni<Profile> apply(String customerId, InteractionRecorded interaction, Instant occurredAt) {
        Instant now = clock.instant();
        return profiles.findForUpdate(customerId).chain(found -> {
            Profile profile = found;
            if (profile == null) {
                profile = new Profile();
                profile.customerId = customerId;
                profile.createdAt = now;
            }
            traits.apply(profile.traits, interaction, occurredAt, now);
            profile.updatedAt = now;
            return profiles.persist(profile);
        });
    }
}
