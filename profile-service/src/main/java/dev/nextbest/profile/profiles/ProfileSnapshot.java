package dev.nextbest.profile.profiles;

import dev.nextbest.profile.interactions.InteractionView;
import dev.nextbest.profile.traits.Traits;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the profile cache holds: the stored profile and its latest interactions, as read together. */
public record ProfileSnapshot(String customerId, String kind, Map<String, Object> attributes,
                              Map<String, Holding> holdings, List<String> segments, Traits traits,
                              Map<String, Prediction> predictions, Map<String, Consent> consents,
                              String behaviouralSegment,
                              List<InteractionView> latestInteractions, Instant updatedAt) {
}
