package dev.nextbest.nba.catalog;

import dev.nextbest.commons.web.Problems;
import dev.nextbest.nba.policy.InvalidExpressionException;
import dev.nextbest.nba.policy.PolicyExpressions;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.HashSet;
import java.util.Set;

/**
 * What bean validation cannot see in an action definition: its expressions compile (with the CEL error and
 * where it is), its validity window is a window, it has a value, its treatments' keys are unique.
 */
@ApplicationScoped
public class DefinitionCheck {

    private final PolicyExpressions expressions;

    public DefinitionCheck(PolicyExpressions expressions) {
        this.expressions = expressions;
    }

    /** @throws HttpProblem 400 naming the field and what is wrong with it */
    public void check(ActionDefinition definition) {
        condition("eligibility", definition.eligibility());
        condition("applicability", definition.applicability());
        condition("suitability", definition.suitability());
        number("valueExpression", definition.valueExpression());
        number("contextWeight", definition.contextWeight());
        if (definition.value() == null && definition.valueExpression() == null) {
            throw invalid("value", "an action needs a value or a valueExpression");
        }
        if (definition.value() != null && definition.valueExpression() != null) {
            throw invalid("value", "give either a value or a valueExpression, not both");
        }
        if (definition.validFrom() != null && definition.validTo() != null
                && !definition.validTo().isAfter(definition.validFrom())) {
            throw invalid("validTo", "must be after validFrom");
        }
        Set<String> keys = new HashSet<>();
        for (ActionDefinition.Treatment treatment : definition.treatments()) {
            if (!keys.add(treatment.key())) {
                throw invalid("treatments", "treatment key '" + treatment.key() + "' is used twice");
            }
        }
    }

    /** For issue- and group-level policies. */
    public void condition(String field, String expression) {
        if (expression == null) {
            return;
        }
        try {
            expressions.condition(expression);
        } catch (InvalidExpressionException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private void number(String field, String expression) {
        if (expression == null) {
            return;
        }
        try {
            expressions.number(expression);
        } catch (InvalidExpressionException e) {
            throw invalid(field, e.getMessage());
        }
    }

    static HttpProblem invalid(String field, String detail) {
        return Problems.builder(Response.Status.BAD_REQUEST)
                .withDetail(field + ": " + detail).with("field", field).build();
    }
}
