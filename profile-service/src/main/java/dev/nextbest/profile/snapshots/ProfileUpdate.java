package dev.nextbest.profile.snapshots;

import dev.nextbest.profile.profiles.Consent;
import dev.nextbest.profile.profiles.Holding;
import dev.nextbest.profile.profiles.LifetimeValue;
import dev.nextbest.profile.profiles.LifetimeValueSettings;
import dev.nextbest.profile.profiles.Prediction;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.traits.TraitsView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Schema version 1 of the data of a {@value #TYPE} event on {@value #TOPIC}: the feature view of one profile
 * that the decision engine reads, as of {@code computedAt}. Values that depend on the day (days since ...)
 * are as of that moment; the times they come from are there too, so a reader can bring them up to date.
 * Fields may be added within version 1; removing or changing one makes a v2 type.
 *
 * @param consents   by purpose, mirrored from privacy-service (which decides; this is what the profile knows)
 * @param behaviouralSegment the cluster the last behavioural segmentation put the customer in, or null
 * @param updatedAt  when the profile last changed; a reader that sees two snapshots of a customer keeps the later
 * @param computedAt when this snapshot was made
 */
public record ProfileUpdate(String customerId, String kind, Map<String, Object> attributes,
                            Map<String, Holding> holdings, List<String> segments, TraitsView traits,
                            Map<String, Prediction> predictions, LifetimeValue lifetimeValue,
                            Map<String, Consent> consents, String behaviouralSegment, Instant updatedAt,
                            Instant computedAt) {

    public static final String TOPIC = "profile-updates";
    public static final String TYPE = "dev.nextbest.profile.profile-updated.v1";

    static ProfileUpdate of(Profile profile, LifetimeValueSettings clv, Instant now) {
        return new ProfileUpdate(profile.customerId, profile.kind, profile.attributes, profile.holdings,
                List.copyOf(profile.segments),
                TraitsView.of(profile.traits, now), profile.predictions,
                LifetimeValue.of(profile.traits, profile.predictions.get("churnRisk"), clv, now),
                profile.consents, profile.behaviourSegment, profile.updatedAt, now);
    }
}
