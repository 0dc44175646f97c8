package dev.nextbest.profile.profiles;

import dev.nextbest.profile.interactions.InteractionView;
import dev.nextbest.profile.traits.TraitsView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The customer's profile as the agent desktop and the apps read it. */
public record ProfileView(String customerId, String kind, Map<String, Object> attributes,
                          Map<String, Holding> holdings, List<String> segments, TraitsView traits,
                          Map<String, Prediction> predictions, LifetimeValue lifetimeValue,
                          Map<String, Consent> consents, String behaviouralSegment,
                          List<InteractionView> latestInteractions, Instant updatedAt) {

    static ProfileView of(ProfileSnapshot snapshot, LifetimeValueSettings clv, Instant now) {
        return new ProfileView(snapshot.customerId(), snapshot.kind(), snapshot.attributes(), snapshot.holdings(), snapshot.segments(),
                TraitsView.of(snapshot.traits(), now), snapshot.predictions(),
                LifetimeValue.of(snapshot.traits(), snapshot.predictions().get("churnRisk"), clv, now),
                snapshot.consents(), snapshot.behaviouralSegment(),
                snapshot.latestInteractions(), snapshot.updatedAt());
    }
}
