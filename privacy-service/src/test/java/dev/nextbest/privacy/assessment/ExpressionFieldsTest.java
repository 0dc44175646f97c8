package dev.nextbest.privacy.assessment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionFieldsTest {

    private final ExpressionFields fields = new ExpressionFields();

    @Test
    void findsTheDeepestFieldsEachVariableIsReadAt() {
        assertThat(fields.of("has(traits.complaints) && traits.complaints.count >= 2")).containsExactly("traits.complaints.count");
        assertThat(fields.of("'broadband' in profile.holdings || context.intent == 'cancel'"))
                .containsExactly("context.intent", "profile.holdings");
        assertThat(fields.of("profile.attributes['medicalConditions'].size() > 0 && action.attributes.offerType == 'Bar'"))
                .containsExactly("action.attributes.offerType", "profile.attributes.medicalConditions");
    }

    @Test
    void readsThroughMacrosAndIgnoresTheirLoopVariables() {
        assertThat(fields.of("profile.holdings.exists(h, h == 'tv') && [1, 2].all(x, x < traits.nps.score)"))
                .containsExactly("profile.holdings", "traits.nps.score");
        assertThat(fields.of("profile.attributes[context.key] == 1")).as("a computed key reads the whole map")
                .containsExactly("context.key", "profile.attributes");
        assertThat(fields.of("1.0")).isEmpty();
    }

    @Test
    void refusesWhatIsNotCel() {
        assertThatThrownBy(() -> fields.of("profile.attributes.age >")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CEL expression");
    }
}
