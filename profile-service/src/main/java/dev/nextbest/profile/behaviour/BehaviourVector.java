package dev.nextbest.profile.behaviour;

import dev.nextbest.profile.traits.Traits;
import dev.nextbest.profile.traits.TraitsView;

import java.util.List;

/**
 * What a customer's behaviour looks like as numbers, for clustering: how much they interact and buy, how
 * recently, on which channels, how often they complain, contact us again, fail to pay, and show interest.
 * Counts and amounts are log-scaled (a few heavy customers would otherwise be the only thing k-means sees);
 * channel use is a share of all interactions.
 */
public final class BehaviourVector {

    public static final List<String> FEATURES = List.of("interactions", "daysSinceLastSeen", "purchases",
            "purchaseValue", "web", "app", "agent", "ivr", "email", "sms", "store", "complaints",
            "repeatContacts7d", "paymentFailures", "intent");

    /** Recency is capped: a year without contact and never are the same thing here. */
    static final double MAX_DAYS = 365;

    private BehaviourVector() {
    }

    public static double[] of(TraitsView traits) {
        double[] v = new double[FEATURES.size()];
        v[0] = Math.log1p(traits.frequency().interactions());
        Long days = traits.recency().daysSinceLastSeen();
        v[1] = days == null ? MAX_DAYS : Math.min(days, MAX_DAYS);
        v[2] = Math.log1p(traits.monetary().purchases());
        v[3] = Math.log1p(Math.max(0, traits.monetary().value().doubleValue()));
        for (int i = 0; i < 7; i++) {
            v[4 + i] = traits.channelMix().getOrDefault(FEATURES.get(4 + i), 0.0);
        }
        v[11] = Math.log1p(traits.complaints().count());
        v[12] = traits.repeatContacts7d().count();
        v[13] = Math.log1p(traits.paymentFailures().count());
        v[14] = Math.log1p(traits.intent().values().stream().mapToDouble(Double::doubleValue).sum());
        return v;
    }

    static double[] of(Traits traits, java.time.Instant now) {
        return of(TraitsView.of(traits, now));
    }
}
