package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.live.LiveAction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Who may be offered what, here and now: validity window, a treatment for the channel, audience, the
 * never-offer-what-is-held rule (holdings from the profile, and purchases reported as responses since), and
 * the engagement policies (eligibility, applicability, suitability; issue, group, then action).
 */
@ApplicationScoped
class EngagementStage implements Stage {

    @Override
    public Uni<Void> apply(DecisionState state) {
        DecisionContext decision = state.context;
        List<Candidate> candidates = state.candidates;
        for (Candidate candidate : candidates) {
            LiveAction action = candidate.action;
            ActionDefinition definition = action.definition();
            if (!action.validAt(decision.now)) {
                candidate.drop(FunnelExit.VALIDITY, "only valid from " + orAlways(definition.validFrom()) + " until " + orAlways(definition.validTo()));
                continue;
            }
            candidate.treatment = action.treatment(decision.request.channel(), decision.request.placement());
            if (candidate.treatment == null) {
                candidate.drop(FunnelExit.CHANNEL, "no treatment for " + decision.placementKey());
                continue;
            }
            String audience = audienceProblem(definition.audienceOrAll(), decision.kind());
            if (audience != null) {
                candidate.drop(FunnelExit.AUDIENCE, audience);
                continue;
            }
            if (definition.product() != null) {
                String held = heldProblem(definition.product(), decision);
                if (held != null) {
                    candidate.drop(FunnelExit.PRODUCT_HELD, held);
                    continue;
                }
            }
            Map<String, Object> variables = decision.variables(action.variable());
            if (!passes(candidate, FunnelExit.ELIGIBILITY, action.eligibility(), variables, decision)
                    || !passes(candidate, FunnelExit.APPLICABILITY, action.applicability(), variables, decision)) {
                continue;
            }
            passes(candidate, FunnelExit.SUITABILITY, action.suitability(), variables, decision);
        }
        return DONE;
    }

    private static boolean passes(Candidate candidate, FunnelExit stage, List<LiveAction.NamedCondition> conditions,
                                  Map<String, Object> variables, DecisionContext decision) {
        for (LiveAction.NamedCondition condition : conditions) {
            Object outcome = outcome(condition, variables, decision);
            if (outcome instanceof String error) {
                candidate.drop(stage, condition.origin() + " policy could not be evaluated (" + error + "): "
                        + condition.expression());
                return false;
            }
            if (!(Boolean) outcome) {
                candidate.drop(stage, condition.origin() + " policy is false: " + condition.expression());
                return false;
            }
        }
        return true;
    }

    /** TRUE, FALSE, or the evaluation error's message; once per decision unless the condition reads the action. */
    private static Object outcome(LiveAction.NamedCondition named, Map<String, Object> variables, DecisionContext decision) {
        boolean perCustomer = !named.condition().readsAction();
        Object outcome = perCustomer ? decision.remembered(named.condition()) : null;
        if (outcome == null) {
            try {
                outcome = named.condition().test(variables);
            } catch (Exception e) {
                outcome = String.valueOf(e.getMessage());
            }
            if (perCustomer) {
                decision.remember(named.condition(), outcome);
            }
        }
        return outcome;
    }

    private static String audienceProblem(ActionDefinition.Audience audience, String kind) {
        return switch (audience) {
            case ALL -> null;
            case CUSTOMERS -> "CUSTOMER".equals(kind) ? null : "for customers only; this is a " + kind.toLowerCase();
            case PROSPECTS -> "PROSPECT".equals(kind) ? null : "for prospects only; this is a " + kind.toLowerCase();
        };
    }

    private static String heldProblem(String product, DecisionContext decision) {
        if (decision.holds(product)) {
            return "the customer already holds " + product;
        }
        long boughtAt = decision.contacts.boughtAt(product);
        if (boughtAt > 0) {
            Duration ago = Duration.ofSeconds(Math.max(0, decision.now.getEpochSecond() - boughtAt));
            return "the customer bought " + product + " " + humane(ago) + " ago (a conversion response)";
        }
        return null;
    }

    static String humane(Duration duration) {
        if (duration.toDays() > 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " hours";
        }
        return Math.max(1, duration.toMinutes()) + " minutes";
    }

    private static Object orAlways(Object bound) {
        return bound == null ? "always" : bound;
    }
}
