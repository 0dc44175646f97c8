package dev.nextbest.profile.traits;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The computed traits as the read API shows them: each with its value and the inputs it came from, so that
 * an agent, a marketer or an auditor can see why. Values that depend on today (days since ...) are worked
 * out when read.
 */
public record TraitsView(Recency recency, Frequency frequency, Monetary monetary, Map<String, Double> channelMix,
                         Map<String, Double> intent,
                         RepeatContacts repeatContacts7d, Complaints complaints, PaymentFailures paymentFailures,
                         Nps nps, Sentiment sentiment) {

    public record Recency(Long daysSinceLastSeen, Instant lastSeenAt) {
    }

    public record Frequency(long interactions, Instant firstSeenAt) {
    }

    public record Monetary(long purchases, BigDecimal value, Instant lastPurchaseAt) {
    }

    public record RepeatContacts(long count, List<Instant> contactsAt) {
    }

    public record Complaints(long count, Long daysSinceLast, Instant lastAt) {
    }

    public record PaymentFailures(long count, Instant lastAt) {
    }

    public record Nps(Integer score, Instant at) {
    }

    /** VADER compound scores, -1 to 1, of the customer's verbatims: the latest, and the average of all. */
    public record Sentiment(Double latest, Double average, long verbatims, Instant lastAt) {
    }

    public static TraitsView of(Traits traits, Instant now) {
        Map<String, Double> mix = new TreeMap<>();
        if (traits.interactions > 0) {
            traits.channels.forEach((channel, count) ->
                    mix.put(channel, Math.round(1000.0 * count / traits.interactions) / 1000.0));
        }
        Map<String, Double> intent = new TreeMap<>();
        traits.intent.forEach((category, score) ->
                intent.put(category, Math.round(1000.0 * TraitUpdater.decayed(score, now)) / 1000.0));
        Instant windowStart = now.minus(TraitUpdater.CONTACT_WINDOW);
        List<Instant> contacts = traits.recentContacts.stream().filter(at -> !at.isBefore(windowStart)).toList();
        return new TraitsView(
                new Recency(days(traits.lastSeenAt, now), traits.lastSeenAt),
                new Frequency(traits.interactions, traits.firstSeenAt),
                new Monetary(traits.purchases, traits.purchaseValue, traits.lastPurchaseAt),
                mix,
                intent,
                new RepeatContacts(contacts.size(), contacts),
                new Complaints(traits.complaints, days(traits.lastComplaintAt, now), traits.lastComplaintAt),
                new PaymentFailures(traits.paymentFailures, traits.lastPaymentFailureAt),
                new Nps(traits.npsScore, traits.npsAt),
                new Sentiment(traits.lastSentiment == null ? null : Math.round(1000.0 * traits.lastSentiment) / 1000.0,
                        traits.verbatims == 0 ? null : Math.round(1000.0 * traits.sentimentSum / traits.verbatims) / 1000.0,
                        traits.verbatims, traits.lastVerbatimAt));
    }

    private static Long days(Instant since, Instant now) {
        return since == null ? null : Math.max(0, Duration.between(since, now).toDays());
    }
}
