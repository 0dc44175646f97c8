package dev.nextbest.nba.live;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.policy.PolicyExpressions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A live action version, compiled: its policies (with those of its issue and group, in that order), its
 * value and context weight, its levers' product, and what expressions and models see of it.
 */
public record LiveAction(UUID id, String key, int version, ActionDefinition definition,
                         List<NamedCondition> eligibility, List<NamedCondition> applicability,
                         List<NamedCondition> suitability, PolicyExpressions.Number valueExpression,
                         PolicyExpressions.Number contextWeight, double levers, Map<String, Object> variable) {

    /** A compiled condition and where it was set, e.g. "group discounts". */
    public record NamedCondition(String origin, String expression, PolicyExpressions.Condition condition) {
    }

    public String issue() {
        return definition.issue();
    }

    public String group() {
        return definition.group();
    }

    public boolean validAt(Instant now) {
        return (definition.validFrom() == null || !now.isBefore(definition.validFrom()))
                && (definition.validTo() == null || now.isBefore(definition.validTo()));
    }

    /** The treatment for the channel and placement: one made for that placement, else one for the whole channel. */
    public ActionDefinition.Treatment treatment(String channel, String placement) {
        ActionDefinition.Treatment channelWide = null;
        for (ActionDefinition.Treatment treatment : definition.treatments()) {
            if (treatment.channel().equals(channel)) {
                if (placement != null && placement.equals(treatment.placement())) {
                    return treatment;
                }
                if (treatment.placement() == null) {
                    channelWide = treatment;
                }
            }
        }
        return channelWide;
    }
}
