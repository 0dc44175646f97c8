package dev.nextbest.privacy.policy;

import dev.nextbest.privacy.policy.PolicyEvaluator.Declaration;
import dev.nextbest.privacy.policy.PrivacyPolicy.Matches;
import dev.nextbest.privacy.policy.PrivacyPolicy.Rule;
import dev.nextbest.privacy.policy.PrivacyPolicy.Terms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator follows fides's semantics: all three parts must match, and parents match their children. */
class PolicyEvaluatorTest {

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @Test
    void aRuleIsViolatedOnlyWhenCategoriesUsesAndSubjectsAllMatch() {
        PrivacyPolicy policy = policy(rule(Matches.ANY, List.of("user.health_and_medical"), Matches.ANY, List.of("marketing"),
                Matches.ANY, List.of("customer")));

        List<PolicyEvaluator.Violation> violated = evaluator.evaluate(policy,
                new Declaration(Set.of("user.health_and_medical", "user.contact.email"), "marketing.advertising.first_party", Set.of("customer")));
        assertThat(violated).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("no-health-marketing");
            assertThat(violation.categories()).containsExactly("user.health_and_medical");
            assertThat(violation.uses()).containsExactly("marketing.advertising.first_party");
            assertThat(violation.subjects()).containsExactly("customer");
        });

        assertThat(evaluator.evaluate(policy, new Declaration(Set.of("user.health_and_medical"), "essential.service", Set.of("customer"))))
                .as("another use").isEmpty();
        assertThat(evaluator.evaluate(policy, new Declaration(Set.of("user.health_and_medical"), "marketing", Set.of("employee"))))
                .as("another subject").isEmpty();
        assertThat(evaluator.evaluate(policy, new Declaration(Set.of("user.contact.email"), "marketing", Set.of("customer"))))
                .as("other data").isEmpty();
    }

    @Test
    void aParentKeyInARuleMatchesItsChildrenButAChildDoesNotMatchItsParent() {
        PrivacyPolicy broad = policy(rule(Matches.ANY, List.of("user.health_and_medical"), Matches.ANY, List.of("marketing"),
                Matches.ANY, List.of("customer")));
        assertThat(evaluator.evaluate(broad, new Declaration(Set.of("user.health_and_medical.genetic"), "marketing", Set.of("customer"))))
                .singleElement().satisfies(v -> assertThat(v.categories()).containsExactly("user.health_and_medical.genetic"));

        PrivacyPolicy narrow = policy(rule(Matches.ANY, List.of("user.health_and_medical.genetic"), Matches.ANY, List.of("marketing"),
                Matches.ANY, List.of("customer")));
        assertThat(evaluator.evaluate(narrow, new Declaration(Set.of("user.health_and_medical"), "marketing", Set.of("customer"))))
                .isEmpty();
    }

    @Test
    void allNoneAndOtherCompareTheWayFidesDoes() {
        Set<String> declared = Set.of("user.contact.email", "user.demographic.gender");
        assertThat(PolicyEvaluator.offending(new Terms(Matches.ALL, List.of("user.contact", "user.demographic")), declared, true))
                .as("ALL: every declared key matches").containsExactly("user.contact.email", "user.demographic.gender");
        assertThat(PolicyEvaluator.offending(new Terms(Matches.ALL, List.of("user.contact")), declared, true))
                .as("ALL: one does not").isEmpty();
        assertThat(PolicyEvaluator.offending(new Terms(Matches.NONE, List.of("user.financial")), declared, true))
                .as("NONE: no declared key matches, so all are returned").containsExactly("user.contact.email", "user.demographic.gender");
        assertThat(PolicyEvaluator.offending(new Terms(Matches.NONE, List.of("user.contact")), declared, true))
                .as("NONE: one matches").isEmpty();
        assertThat(PolicyEvaluator.offending(new Terms(Matches.OTHER, List.of("user.contact")), declared, true))
                .as("OTHER: the keys outside the rule").containsExactly("user.demographic.gender");
        assertThat(PolicyEvaluator.offending(new Terms(Matches.ANY, List.of("customer")), Set.of("customer.vip"), false))
                .as("subjects are flat: no hierarchy").isEmpty();
    }

    @Test
    void aRuleWithOtherUsesFlagsAnythingButTheAllowedOnes() {
        // "Contact data may only serve the service itself": uses OTHER than essential violate.
        PrivacyPolicy policy = policy(rule(Matches.ANY, List.of("user.contact"), Matches.OTHER, List.of("essential"),
                Matches.ANY, List.of("customer", "prospect")));
        assertThat(evaluator.evaluate(policy, new Declaration(Set.of("user.contact.phone_number"), "essential.service.operations", Set.of("customer"))))
                .isEmpty();
        assertThat(evaluator.evaluate(policy, new Declaration(Set.of("user.contact.phone_number"), "marketing.communications.sms", Set.of("prospect"))))
                .singleElement().satisfies(v -> assertThat(v.uses()).containsExactly("marketing.communications.sms"));
    }

    private static PrivacyPolicy policy(Rule rule) {
        return new PrivacyPolicy("test", "Test policy", null, List.of(rule));
    }

    private static Rule rule(Matches categoriesMatch, List<String> categories, Matches usesMatch, List<String> uses,
                             Matches subjectsMatch, List<String> subjects) {
        return new Rule("no-health-marketing", "No health data for marketing", null, new Terms(categoriesMatch, categories),
                new Terms(usesMatch, uses), new Terms(subjectsMatch, subjects));
    }
}
