package dev.nextbest.nba.decision;

/**
 * Where a candidate left a decision's funnel, in the order it meets them: the reason it dropped out, or
 * {@link #CHOSEN}. Several belong to one {@link Stage} (engagement drops for validity, channel, audience...).
 */
public enum FunnelExit {
    /** Needs a consent the customer has not granted, or the customer's contact preference closes the channel to it. */
    CONSENT,
    /** Outside its validity window. */
    VALIDITY,
    /** No treatment for the channel and placement. */
    CHANNEL,
    /** Meant for customers only, or prospects only. */
    AUDIENCE,
    /** Sells a product the customer holds (or has just bought). */
    PRODUCT_HELD,
    ELIGIBILITY,
    APPLICABILITY,
    SUITABILITY,
    /** Suppressed by a contact policy (impressions without response, a recent reject or accept, a channel cap). */
    CONTACT_POLICY,
    /** Ranked below the number of actions asked for (or the placement allows). */
    ARBITRATION,
    /** The customer is in the control group this period. */
    CONTROL_GROUP,
    /** Its volume limit for the period is reached. */
    VOLUME,
    /** Returned. */
    CHOSEN
}
