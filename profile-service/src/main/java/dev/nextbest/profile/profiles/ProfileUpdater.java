package dev.nextbest.profile.profiles;

import dev.nextbest.profile.events.AttributesChanged;
import dev.nextbest.profile.events.CustomerEventData;
import dev.nextbest.profile.events.HoldingChanged;
import dev.nextbest.profile.events.InteractionRecorded;
import dev.nextbest.profile.events.ScoresPredicted;
import dev.nextbest.profile.interactions.InteractionRepository;
import dev.nextbest.profile.traits.TraitUpdater;
import dev.nextbest.profile.traits.Traits;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Keeps profiles in step with what happens: applies each new event's data, and rebuilds a profile's traits
 * from its whole history when a merge or an unmerge changes which interactions it has.
 */
@ApplicationScoped
public class ProfileUpdater {

    private final ProfileRepository profiles;
    private final InteractionRepository interactions;
    private final TraitUpdater traits;
    private final Clock clock;

    public ProfileUpdater(ProfileRepository profiles, InteractionRepository interactions, TraitUpdater traits, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
        this.interactions = interactions;
        this.traits = traits;
    }

    /**
     * Folds one event's data into the profile, in memory (the caller's transaction saves it). Events may come
     * late or out of order: each part of the profile keeps the event time of its last change, and an older
     * event never overwrites a newer one.
     */
    public void apply(Profile profile, CustomerEventData data, Instant occurredAt, Instant now) {
        data.handleWith(new CustomerEventData.Handler() {
            @Override
            public void interaction(InteractionRecorded interaction) {
                traits.apply(profile.traits, interaction, occurredAt, now);
            }

            @Override
            public void attributes(AttributesChanged changed) {
                applyAttributes(profile, changed, occurredAt);
            }

            @Override
            public void holding(HoldingChanged changed) {
                applyHolding(profile, changed, occurredAt);
            }

            @Override
            public void scores(ScoresPredicted predicted) {
                applyScores(profile, predicted, occurredAt);
            }
        });
        profile.updatedAt = now;
    }

    /** Each attribute changes only if this event is newer than its last change; null removes it. */
    private static void applyAttributes(Profile profile, AttributesChanged changed, Instant occurredAt) {
        changed.attributes().forEach((name, value) -> {
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
        });
    }

    /** The holding changes only if this event is newer than its last change. */
    private static void applyHolding(Profile profile, HoldingChanged changed, Instant occurredAt) {
        Holding last = profile.holdings.get(changed.product());
        if (last == null || occurredAt.isAfter(last.changedAt())) {
            profile.holdings.put(changed.product(), new Holding(changed.status(), changed.since(), changed.until(), occurredAt));
        }
    }

    /** Each score replaces the stored one only if this prediction is newer. */
    private static void applyScores(Profile profile, ScoresPredicted predicted, Instant occurredAt) {
        predicted.scores().forEach((name, value) -> {
            Prediction last = profile.predictions.get(name);
            if (last == null || occurredAt.isAfter(last.predictedAt())) {
                profile.predictions.put(name, new Prediction(value, predicted.model(), predicted.modelVersion(), occurredAt));
            }
        });
    }

    /**
     * Folds every interaction the customer has into fresh traits, and saves them; for merges, which are rare.
     * Whoever changes the returned profile further saves it again ({@link ProfileRepository#save}).
     */
    public Uni<Profile> rebuild(String customerId) {
        Instant now = clock.instant();
        return interactions.all(customerId).chain(all -> profiles.lockOrCreate(List.of(customerId), now).chain(locked -> {
            Profile profile = locked.get(customerId);
            Traits rebuilt = new Traits();
            all.forEach(interaction -> traits.apply(rebuilt, interaction.asRecorded(), interaction.occurredAt, now));
            profile.traits = rebuilt;
            profile.updatedAt = now;
            return profiles.save(List.of(profile)).replaceWith(profile);
        }));
    }
}
