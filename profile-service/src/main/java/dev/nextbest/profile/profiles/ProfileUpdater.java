package dev.nextbest.profile.profiles;

import dev.nextbest.profile.interactions.InteractionRecorded;
import dev.nextbest.profile.interactions.InteractionRepository;
import dev.nextbest.profile.traits.Traits;
import dev.nextbest.profile.traits.TraitUpdater;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Keeps profiles in step with what happens: applies a new interaction (creating the profile with the first
 * one), and rebuilds a profile's traits from its whole history when a merge or an unmerge changes which
 * interactions it has.
 */
@ApplicationScoped
public class ProfileUpdater {

    private final ProfileRepository profiles;
    private final InteractionRepository interactions;
    private final TraitUpdater traits;
    private final Clock clock = Clock.systemUTC();

    public ProfileUpdater(ProfileRepository profiles, InteractionRepository interactions, TraitUpdater traits) {
        this.profiles = profiles;
        this.interactions = interactions;
        this.traits = traits;
    }

    /** Inside the caller's transaction, which also records the interaction. */
    public Uni<Profile> apply(String customerId, InteractionRecorded interaction, Instant occurredAt) {
        return change(customerId, (profile, now) -> traits.apply(profile.traits, interaction, occurredAt, now));
    }

    /** Each attribute changes only if this event is newer than its last change; null removes it. */
    public Uni<Profile> apply(String customerId, AttributesChanged changed, Instant occurredAt) {
        return change(customerId, (profile, now) -> changed.attributes().forEach((name, value) -> {
            Instant last = profile.attributeTimes.get(name);
            if (last != null && !occurredAt.isAfter(last)) {
                return;
            }
            profile.attributeTimes.put(name, occurredAt);
            if (value == null) {
                profile.attributes.remove(name);
            } else {
                profile.attributes.put(name, value);
            }
        }));
    }

    /** The holding changes only if this event is newer than its last change. */
    public Uni<Profile> apply(String customerId, HoldingChanged changed, Instant occurredAt) {
        return change(customerId, (profile, now) -> {
            Holding last = profile.holdings.get(changed.product());
            if (last == null || occurredAt.isAfter(last.changedAt())) {
                profile.holdings.put(changed.product(),
                        new Holding(changed.status(), changed.since(), changed.until(), occurredAt));
            }
        });
    }

    /** Each score replaces the stored one only if this prediction is newer. */
    public Uni<Profile> apply(String customerId, ScoresPredicted predicted, Instant occurredAt) {
        return change(customerId, (profile, now) -> predicted.scores().forEach((name, value) -> {
            Prediction last = profile.predictions.get(name);
            if (last == null || occurredAt.isAfter(last.predictedAt())) {
                profile.predictions.put(name, new Prediction(value, predicted.model(), predicted.modelVersion(), occurredAt));
            }
        }));
    }

    /** Loads (or creates) the profile under lock, changes it, and saves it. */
    private Uni<Profile> change(String customerId, BiConsumer<Profile, Instant> change) {
        Instant now = clock.instant();
        return profiles.findForUpdate(customerId).chain(found -> {
            Profile profile = found != null ? found : Profile.create(customerId, now);
            change.accept(profile, now);
            profile.updatedAt = now;
            return profiles.persist(profile);
        });
    }

    /** Folds every interaction the customer has into fresh traits; for merges, which are rare. */
    public Uni<Profile> rebuild(String customerId) {
        return interactions.all(customerId).chain(all -> change(customerId, (profile, now) -> {
            Traits rebuilt = new Traits();
            all.forEach(interaction -> traits.apply(rebuilt, interaction.asRecorded(), interaction.occurredAt, now));
            profile.traits = rebuilt;
        }));
    }
}
