package dev.nextbest.profile.segments;

import dev.nextbest.profile.profiles.Holding;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.traits.TraitsView;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a segment expression sees: {@code profile} (kind, attributes, holdings), {@code traits} (the
 * computed traits' values) and {@code predictions} (the latest predicted scores by name, e.g. churnRisk). A value that is not known (no NPS answer yet, no complaint ever) is absent, so
 * test it with {@code has(traits.nps)} first; an expression that reads an absent value is simply false.
 */
final class SegmentVariables {

    static final Set<String> PROFILE_FIELDS = Set.of("customerId", "kind", "attributes", "holdings", "consents",
            "behaviouralSegment");
    static final Set<String> TRAIT_FIELDS = Set.of("daysSinceLastSeen", "interactions", "purchases", "purchaseValue",
            "channelMix", "intent", "repeatContacts7d", "complaints", "daysSinceLastComplaint", "paymentFailures", "nps",
            "sentiment", "averageSentiment");

    private SegmentVariables() {
    }

    static Map<String, Object> of(Profile profile, Instant now) {
        Map<String, Object> profileVariable = new HashMap<>();
        profileVariable.put("customerId", profile.customerId);
        if (profile.kind != null) {
            profileVariable.put("kind", profile.kind);
        }
        profileVariable.put("attributes", celValues(profile.attributes));
        Map<String, Object> holdings = new HashMap<>();
        profile.holdings.forEach((product, holding) -> holdings.put(product, holding(holding)));
        profileVariable.put("holdings", holdings);
        Map<String, Object> consents = new HashMap<>();
        profile.consents.forEach((purpose, consent) -> consents.put(purpose, consent.status()));
        profileVariable.put("consents", consents);
        if (profile.behaviourSegment != null) {
            profileVariable.put("behaviouralSegment", profile.behaviourSegment);
        }

        TraitsView traits = TraitsView.of(profile.traits, now);
        Map<String, Object> traitsVariable = new HashMap<>();
        putIfKnown(traitsVariable, "daysSinceLastSeen", traits.recency().daysSinceLastSeen());
        traitsVariable.put("interactions", traits.frequency().interactions());
        traitsVariable.put("purchases", traits.monetary().purchases());
        traitsVariable.put("purchaseValue", traits.monetary().value().doubleValue());
        traitsVariable.put("channelMix", traits.channelMix());
        traitsVariable.put("intent", traits.intent());
        traitsVariable.put("repeatContacts7d", traits.repeatContacts7d().count());
        traitsVariable.put("complaints", traits.complaints().count());
        putIfKnown(traitsVariable, "daysSinceLastComplaint", traits.complaints().daysSinceLast());
        traitsVariable.put("paymentFailures", traits.paymentFailures().count());
        if (traits.nps().score() != null) {
            traitsVariable.put("nps", traits.nps().score().longValue());
        }
        putIfKnown(traitsVariable, "sentiment", traits.sentiment().latest());
        putIfKnown(traitsVariable, "averageSentiment", traits.sentiment().average());
        Map<String, Object> predictions = new HashMap<>();
        profile.predictions.forEach((name, prediction) -> predictions.put(name, prediction.value()));
        return Map.of("profile", profileVariable, "traits", traitsVariable, "predictions", predictions);
    }

    private static Map<String, Object> holding(Holding holding) {
        Map<String, Object> map = new HashMap<>();
        map.put("status", holding.status());
        if (holding.since() != null) {
            map.put("since", holding.since().toString());
        }
        if (holding.until() != null) {
            map.put("until", holding.until().toString());
        }
        return map;
    }

    /** CEL knows int (long), double, string and bool: whole numbers become longs, others doubles. */
    private static Map<String, Object> celValues(Map<String, Object> values) {
        Map<String, Object> converted = new HashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof Number number) {
                converted.put(name, number.doubleValue() == Math.rint(number.doubleValue()) && !(value instanceof Double)
                        ? (Object) number.longValue() : (Object) number.doubleValue());
            } else if (value != null) {
                converted.put(name, value);
            }
        });
        return converted;
    }

    private static void putIfKnown(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
