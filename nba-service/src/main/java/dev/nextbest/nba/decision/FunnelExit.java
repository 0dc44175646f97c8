package dev.nextbest.nba.decision;

/** The funnel's stages, in the order a candidate meets them; each says where a candidate dropped. */
public enum Stage {
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
