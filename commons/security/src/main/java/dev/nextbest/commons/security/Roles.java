package dev.nextbest.commons.security;

import java.util.Set;

/**
 * The platform's roles, as carried in an access token's "roles" claim. Every service names the same six;
 * each endpoint says which of them it admits.
 */
public final class Roles {

    /** A contact-centre agent's desktop, acting for whichever customer is on the line. */
    public static final String AGENT = "agent";
    /** A mobile or web app; its tokens are scoped to one customer (claim "customer_id"). */
    public static final String CHANNEL_APP = "channel-app";
    /** The marketer console: the action catalogue, segments, models. */
    public static final String MARKETER = "marketer";
    /** The privacy officer console: assessments, consents, data-subject requests. */
    public static final String PRIVACY_OFFICER = "privacy-officer";
    /** Platform administration: API clients, merges. */
    public static final String ADMIN = "admin";
    /** Another platform service calling on its own behalf. */
    public static final String SERVICE = "service";

    public static final Set<String> ALL = Set.of(AGENT, CHANNEL_APP, MARKETER, PRIVACY_OFFICER, ADMIN, SERVICE);

    private Roles() {
    }
}
