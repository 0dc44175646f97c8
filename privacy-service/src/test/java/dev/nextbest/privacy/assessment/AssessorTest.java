package dev.nextbest.privacy.assessment;

import dev.nextbest.privacy.datamap.DataMap;
import dev.nextbest.privacy.datamap.DataMapLoader;
import dev.nextbest.privacy.policy.PolicyFiles;
import dev.nextbest.privacy.policy.VersionedPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The assessment against the real data maps and the shipped policy, without servers. */
class AssessorTest {

    static DataMap dataMap;
    static List<VersionedPolicy> policies;
    final Assessor assessor = new Assessor(100_000);

    @BeforeAll
    static void load() throws Exception {
        dataMap = DataMapLoader.load(List.of("nba-service", "profile-service", "identity-service", "privacy-service"));
        try (InputStream in = AssessorTest.class.getClassLoader().getResourceAsStream("policies/platform.yaml")) {
            policies = List.of(new VersionedPolicy(1, PolicyFiles.parse(in)));
        }
    }

    @Test
    void anActionThatUsesHealthDataForMarketingIsRejectedNamingTheRuleAndTheField() {
        Verdict verdict = assessor.assess(action(List.of("marketing.advertising.first_party.targeted"), List.of("marketing"),
                List.of(new AssessmentInputs.Expression("eligibility",
                        "has(profile.attributes.medicalConditions) && 'diabetes' in profile.attributes.medicalConditions", true))), dataMap, policies);

        assertThat(verdict.status()).isEqualTo(Verdict.Status.REJECTED);
        assertThat(verdict.findings()).filteredOn(finding -> finding.kind() == Finding.Kind.POLICY_VIOLATION)
                .singleElement().satisfies(finding -> {
                    assertThat(finding.code()).isEqualTo("platform.no-health-data-for-marketing");
                    assertThat(finding.fields()).containsExactly("profile.attributes.medicalConditions");
                    assertThat(finding.detail()).contains("user.health_and_medical", "marketing.advertising.first_party.targeted");
                });
        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.UNDECLARED_USE);
            assertThat(finding.fields()).containsExactly("profile.attributes.medicalConditions");
        });
        assertThat(verdict.categories()).contains("user.health_and_medical");
    }

    @Test
    void aLowRiskActionIsApprovedAndNamesTheConsentItNeeds() {
        Verdict verdict = assessor.assess(action(List.of("marketing.advertising.first_party.targeted"), List.of("marketing"),
                List.of(new AssessmentInputs.Expression("eligibility", "'broadband' in profile.holdings", true))), dataMap, policies);

        assertThat(verdict.status()).isEqualTo(Verdict.Status.APPROVED);
        assertThat(verdict.risk()).isEqualTo(Verdict.Risk.LOW);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.requiredConsents()).containsExactly("marketing");
        assertThat(verdict.categories()).containsExactly("user.behavior.purchase_history");
        assertThat(verdict.policyVersions()).containsEntry("platform", 1);
        assertThat(verdict.dataMap()).isEqualTo(dataMap.checksum()).hasSize(64);
    }

    @Test
    void twoDpiaCriteriaMakeAMediumRiskThatWaitsForReview() {
        // Withheld on financial data (automated decision), from data of the profile and of the call (combining).
        Verdict verdict = assessor.assess(action(List.of("marketing.advertising.first_party.targeted"), List.of("marketing"),
                List.of(new AssessmentInputs.Expression("suitability", "!has(traits.paymentFailures) || traits.paymentFailures.count == 0", true),
                        new AssessmentInputs.Expression("contextWeight", "has(context.intent) && context.intent == 'cancel' ? 3.0 : 1.0", false))),
                dataMap, policies);

        assertThat(verdict.status()).isEqualTo(Verdict.Status.PENDING_REVIEW);
        assertThat(verdict.risk()).isEqualTo(Verdict.Risk.MEDIUM);
        assertThat(verdict.criteria()).containsExactly(Criterion.AUTOMATED_DECISION_WITH_SIGNIFICANT_EFFECT, Criterion.MATCHING_OR_COMBINING);
        assertThat(verdict.findings()).filteredOn(finding -> finding.code().equals("AUTOMATED_DECISION_WITH_SIGNIFICANT_EFFECT"))
                .singleElement().satisfies(finding -> assertThat(finding.fields()).containsExactly("traits.paymentFailures.count"));
    }

    @Test
    void aModelOnLocationAndProfileDataIsHighRisk() {
        AssessmentInputs inputs = new AssessmentInputs("action", "a1", "reward-coffee", 1, "nba-service",
                List.of("marketing.advertising.first_party.targeted"), List.of("marketing"), List.of("customer"), List.of(),
                List.of(new AssessmentInputs.ModelUse("offer-acceptance", 2, List.of("profile.attributes.gender", "context.destination",
                        "action.attributes.offerType"))), 500L, false);
        Verdict verdict = assessor.assess(inputs, dataMap, policies);
        assertThat(verdict.criteria()).contains(Criterion.EVALUATION_OR_SCORING, Criterion.SYSTEMATIC_MONITORING,
                Criterion.MATCHING_OR_COMBINING);
        assertThat(verdict.risk()).isEqualTo(Verdict.Risk.HIGH);
        assertThat(verdict.status()).isEqualTo(Verdict.Status.PENDING_REVIEW);
    }

    @Test
    void anUndeclaredFieldAndAMissingConsentPurposeAreFindingsForReview() {
        Verdict verdict = assessor.assess(action(List.of("marketing.communications.email"), List.of(),
                List.of(new AssessmentInputs.Expression("eligibility", "profile.attributes.shoeSize > 42", true))), dataMap, policies);
        assertThat(verdict.status()).isEqualTo(Verdict.Status.PENDING_REVIEW);
        assertThat(verdict.findings()).extracting(Finding::kind, Finding::code).contains(
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.UNDECLARED_FIELD, "profile.attributes.shoeSize"),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.CONSENT_NOT_DECLARED, "marketing"));
    }

    @Test
    void theSameInputsAndPoliciesAlwaysGiveTheSameVerdict() {
        AssessmentInputs inputs = action(List.of("marketing", "personalize"), List.of("marketing"),
                List.of(new AssessmentInputs.Expression("eligibility", "traits.intent.energy > 1.0 && profile.attributes.age > 30", true)));
        Verdict first = assessor.assess(inputs, dataMap, policies);
        for (int i = 0; i < 5; i++) {
            assertThat(new Assessor(100_000).assess(inputs, dataMap, policies)).isEqualTo(first);
        }
    }

    private static AssessmentInputs action(List<String> uses, List<String> purposes, List<AssessmentInputs.Expression> expressions) {
        return new AssessmentInputs("action", "a1", "an-action", 1, "nba-service", uses, purposes, List.of("customer", "prospect"),
                expressions, List.of(), 500L, false);
    }
}
