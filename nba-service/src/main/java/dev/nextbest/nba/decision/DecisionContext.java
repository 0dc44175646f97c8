package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.consent.ConsentView;
import dev.nextbest.nba.contact.ContactHistory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What one decision knows: the customer's snapshot (as JSON values, and as CEL values), their consents, the
 * request's context (with channel and placement added), their contact history, the settings in force and the
 * time.
 */
final class DecisionContext {

    /** The consent purpose that lets models read the customer's profile. */
    static final String PROFILING = "profiling";

    final String customerId;
    final DecisionRequest request;
    final boolean profileKnown;
    /** The snapshot as parsed JSON. */
    final Map<String, Object> profile;
    final ConsentView consents;
    /** Whether the customer allows profiling: only then do models read their profile. */
    final boolean personalised;
    /** The request context with channel and placement, for models. */
    final Map<String, Object> context;
    final ContactHistory contacts;
    final DecisionSettings settings;
    final Instant now;
    private final Map<String, Object> celProfile;
    private final Map<String, Object> celTraits;
    private final Map<String, Object> celContext;
    private final String kind;

    DecisionContext(String customerId, DecisionRequest request, Map<String, Object> profile, ConsentView consents,
                    ContactHistory contacts, DecisionSettings settings, Instant now) {
        this.customerId = customerId;
        this.request = request;
        this.profileKnown = profile != null;
        this.profile = profile == null ? Map.of() : profile;
        this.consents = consents;
        this.personalised = consents.granted(PROFILING, now);
        Map<String, Object> context = new HashMap<>(request.contextOrEmpty());
        context.put("channel", request.channel());
        if (request.placement() != null) {
            context.put("placement", request.placement());
        }
        this.context = context;
        this.contacts = contacts;
        this.settings = settings;
        this.now = now;
        this.celProfile = dev.nextbest.nba.policy.CelValues.map(this.profile);
        this.celTraits = dev.nextbest.nba.policy.CelValues.map(this.profile.get("traits"));
        this.celContext = dev.nextbest.nba.policy.CelValues.map(context);
        Object kind = this.profile.get("kind");
        this.kind = kind == null ? "PROSPECT" : kind.toString();
    }

    /**
     * An expression that does not read {@code action} has one outcome per decision: worked out for the first
     * candidate that needs it, remembered for the others (a Boolean, a Double, or the evaluation error's message).
     */
    private final Map<Object, Object> perCustomer = new java.util.IdentityHashMap<>();

    Object remembered(Object expression) {
        return perCustomer.get(expression);
    }

    void remember(Object expression, Object outcome) {
        perCustomer.put(expression, outcome);
    }

    /** What models read of the customer: their profile if they allow profiling, else nothing (a non-personalised score). */
    Map<String, Object> modelProfile() {
        return personalised ? profile : Map.of();
    }

    /** What a policy expression about this candidate sees. */
    Map<String, Object> variables(Map<String, Object> action) {
        return Map.of("profile", celProfile, "traits", celTraits, "context", celContext, "action", action);
    }

    /** CUSTOMER or PROSPECT; someone the platform has no profile of yet is a prospect. */
    String kind() {
        return kind;
    }

    /** Holds the product: a holding ACTIVE or SUSPENDED. */
    boolean holds(String product) {
        if (profile.get("holdings") instanceof Map<?, ?> holdings && holdings.get(product) instanceof Map<?, ?> holding) {
            Object status = holding.get("status");
            return "ACTIVE".equals(status) || "SUSPENDED".equals(status);
        }
        return false;
    }

    String placementKey() {
        return request.channel() + "/" + (request.placement() == null ? "" : request.placement());
    }

    /** How many actions to return: as many as asked for, within what the placement allows. */
    int wanted() {
        return wanted(request, settings);
    }

    static int wanted(DecisionRequest request, DecisionSettings settings) {
        // At most 100 where the settings name no limit for the placement.
        DecisionSettings.Placement placement = settings.placements()
                .get(request.channel() + "/" + (request.placement() == null ? "" : request.placement()));
        return Math.min(request.limitOrDefault(), placement == null ? 100 : placement.maxActions());
    }
}
