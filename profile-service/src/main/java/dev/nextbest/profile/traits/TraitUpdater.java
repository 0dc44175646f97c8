package dev.nextbest.profile.traits;

import dev.nextbest.profile.events.InteractionRecorded;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Folds one new interaction into a profile's traits. Incremental and order-independent: applying the same
 * events in any order gives the same traits (the "last" of anything is the one with the latest event time).
 * Called once per event: the interaction's unique event id keeps redeliveries out.
 */
@ApplicationScoped
public class TraitUpdater {

    /** How far back "repeat contacts" look. */
    public static final Duration CONTACT_WINDOW = Duration.ofDays(7);

    /** How long it takes for interest in a product category to halve. */
    public static final Duration INTENT_HALF_LIFE = Duration.ofDays(14);

    /** Kinds that show interest in the category they name. */
    static final Set<String> INTENT_KINDS = Set.of("page-view", "search");

    /** Channels on which the customer contacts the company (rather than browses or buys). */
    static final Set<String> CONTACT_CHANNELS = Set.of("agent", "ivr");

    private final VerbatimSentiment sentiment;

    public TraitUpdater(VerbatimSentiment sentiment) {
        this.sentiment = sentiment;
    }

    public void apply(Traits traits, InteractionRecorded interaction, Instant occurredAt, Instant now) {
        Instant at = occurredAt;
        String kind = interaction.kind();
        String channel = interaction.channel().wire();
        Map<String, Object> attributes = interaction.attributesOrEmpty();

        traits.interactions++;
        traits.firstSeenAt = earliest(traits.firstSeenAt, at);
        traits.lastSeenAt = latest(traits.lastSeenAt, at);
        traits.channels.merge(channel, 1L, Long::sum);

        switch (kind) {
            case "purchase" -> {
                traits.purchases++;
                traits.purchaseValue = traits.purchaseValue.add(amount(attributes));
                traits.lastPurchaseAt = latest(traits.lastPurchaseAt, at);
            }
            case "complaint" -> {
                traits.complaints++;
                traits.lastComplaintAt = latest(traits.lastComplaintAt, at);
            }
            case "payment-failed" -> {
                traits.paymentFailures++;
                traits.lastPaymentFailureAt = latest(traits.lastPaymentFailureAt, at);
            }
            case "survey" -> {
                Integer score = npsScore(attributes);
                if (score != null && (traits.npsAt == null || !at.isBefore(traits.npsAt))) {
                    traits.npsScore = score;
                    traits.npsAt = at;
                }
            }
            default -> {
            }
        }

        if (attributes.get("verbatim") instanceof String verbatim && !verbatim.isBlank()) {
            double score = sentiment.compound(verbatim);
            traits.verbatims++;
            traits.sentimentSum += score;
            if (traits.lastVerbatimAt == null || !at.isBefore(traits.lastVerbatimAt)) {
                traits.lastSentiment = score;
                traits.lastVerbatimAt = at;
            }
        }

        if (INTENT_KINDS.contains(kind) && attributes.get("category") instanceof String category
                && category.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            traits.intent.merge(category, new Traits.DecayedScore(1, at), TraitUpdater::add);
        }

        if (CONTACT_CHANNELS.contains(channel) || "complaint".equals(kind)) {
            traits.recentContacts.add(at);
        }
        Instant windowStart = now.minus(CONTACT_WINDOW);
        traits.recentContacts.removeIf(contact -> contact.isBefore(windowStart));
        traits.recentContacts.sort(Comparator.naturalOrder());
    }

    /** Two decayed scores as one, at the later of their times: the order they come in does not matter. */
    static Traits.DecayedScore add(Traits.DecayedScore a, Traits.DecayedScore b) {
        Instant later = a.at().isAfter(b.at()) ? a.at() : b.at();
        return new Traits.DecayedScore(decayed(a, later) + decayed(b, later), later);
    }

    /** The score as of {@code when} (not before its own time). */
    public static double decayed(Traits.DecayedScore score, Instant when) {
        double halfLives = (double) Duration.between(score.at(), when).toSeconds() / INTENT_HALF_LIFE.toSeconds();
        return score.score() * Math.pow(0.5, Math.max(0, halfLives));
    }

    /** A purchase's "amount" attribute; a missing or unreadable amount adds nothing. */
    private static BigDecimal amount(Map<String, Object> attributes) {
        Object amount = attributes.get("amount");
        if (amount instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (amount instanceof String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return BigDecimal.ZERO;
            }
        }
        return BigDecimal.ZERO;
    }

    /** A survey's "nps" attribute, when it is a whole number from 0 to 10. */
    private static Integer npsScore(Map<String, Object> attributes) {
        Object nps = attributes.get("nps");
        if (nps instanceof Number number && number.doubleValue() == number.intValue()
                && number.intValue() >= 0 && number.intValue() <= 10) {
            return number.intValue();
        }
        return null;
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
