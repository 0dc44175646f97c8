package dev.nextbest.profile.traits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running totals behind a profile's computed traits, kept with the profile (JSON) and updated by
 * {@link TraitUpdater} one event at a time: no trait is ever recomputed from the whole history. Every time
 * is an event time (when it happened), not an arrival time, so that late events land where they belong.
 */
public class Traits {

    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public long interactions;
    /** Interactions per channel. */
    public Map<String, Long> channels = new TreeMap<>();

    public long purchases;
    public BigDecimal purchaseValue = BigDecimal.ZERO;
    public Instant lastPurchaseAt;

    /** Contacts with an agent or the IVR in the last seven days (by event time), oldest first. */
    public List<Instant> recentContacts = new ArrayList<>();

    public long complaints;
    public Instant lastComplaintAt;

    public long paymentFailures;
    public Instant lastPaymentFailureAt;

    /**
     * Interest per product category from page views and searches (attribute "category"): each visit adds 1,
     * and interest halves every {@link TraitUpdater#INTENT_HALF_LIFE}. Kept as the score at its own time.
     */
    public Map<String, DecayedScore> intent = new TreeMap<>();

    /** A score that decays exponentially, as of a moment. */
    public record DecayedScore(double score, Instant at) {
    }

    /**
     * Sentiment of the customer's own words (any interaction's "verbatim" attribute: surveys, complaints,
     * emails), by {@link VerbatimSentiment}: how many, the sum of their scores (for the average), and the
     * latest one's score and time.
     */
    public long verbatims;
    public double sentimentSum;
    public Double lastSentiment;
    public Instant lastVerbatimAt;

    /** The latest survey answer's NPS score (0 to 10), and when it was given. */
    public Integer npsScore;
    public Instant npsAt;
}
