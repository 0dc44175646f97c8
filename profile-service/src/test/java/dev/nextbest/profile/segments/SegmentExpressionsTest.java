package dev.nextbest.profile.segments;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentExpressionsTest {

    private final SegmentExpressions expressions = new SegmentExpressions();

    @Test
    void evaluatesOverTheProfileAndItsTraits() throws Exception {
        var rule = expressions.compile("profile.kind == 'CUSTOMER' && traits.complaints >= 2 "
                + "&& has(profile.attributes.tier) && profile.attributes.tier == 'gold' "
                + "&& profile.holdings.exists(p, profile.holdings[p].status == 'ACTIVE')");
        Map<String, Object> gold = Map.of(
                "profile", Map.of("kind", "CUSTOMER", "attributes", Map.of("tier", "gold"),
                        "holdings", Map.of("broadband-500", Map.of("status", "ACTIVE"))),
                "traits", Map.of("complaints", 2L));
        assertThat(rule.matches(gold)).isTrue();
        Map<String, Object> silver = Map.of(
                "profile", Map.of("kind", "CUSTOMER", "attributes", Map.of("tier", "silver"), "holdings", Map.of()),
                "traits", Map.of("complaints", 5L));
        assertThat(rule.matches(silver)).isFalse();
    }

    @Test
    void seesPredictedScores() throws Exception {
        var rule = expressions.compile("has(predictions.churnRisk) && predictions.churnRisk > 0.5");
        assertThat(rule.matches(Map.of("profile", Map.of(), "traits", Map.of(), "predictions", Map.of("churnRisk", 0.7))))
                .isTrue();
        assertThat(rule.matches(Map.of("profile", Map.of(), "traits", Map.of(), "predictions", Map.of()))).isFalse();
    }

    @Test
    void pointsAtASyntaxError() {
        assertThatThrownBy(() -> expressions.compile("traits.complaints >="))
                .isInstanceOf(InvalidExpressionException.class)
                .hasMessageContaining("1:21")
                .hasMessageContaining("mismatched input");
    }

    @Test
    void refusesAnExpressionThatIsNotACondition() {
        assertThatThrownBy(() -> expressions.compile("traits.complaints + 1"))
                .hasMessageContaining("expected type 'bool' but found 'int'");
    }

    @Test
    void refusesAFieldAProfileDoesNotHave() {
        assertThatThrownBy(() -> expressions.compile("traits.complaints >= 2 || traits.complaintz > 1"))
                .hasMessageContaining("'traits.complaintz' at character 27 is not a field of traits")
                .hasMessageContaining("complaints");
        assertThatThrownBy(() -> expressions.compile("profile.tier == 'gold'"))
                .hasMessageContaining("'profile.tier' at character 1 is not a field of profile");
    }

    @Test
    void readingAnAbsentValueIsAnErrorTheRulesTreatAsFalse() {
        var rule = expressions.compile("traits.nps < 7");
        assertThatThrownBy(() -> rule.matches(Map.of("profile", Map.of(), "traits", Map.of())))
                .isInstanceOf(Exception.class);
    }
}
