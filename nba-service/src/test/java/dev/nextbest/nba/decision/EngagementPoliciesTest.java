package dev.nextbest.nba.decision;

import dev.nextbest.nba.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Eligibility, applicability and suitability, at action, group and issue level; validity and audience. */
@QuarkusTest
class EngagementPoliciesTest extends RealServers {

    @BeforeEach
    void deterministicSettings() {
        apply(settings());
    }

    @Test
    void anActionsEligibilityDecidesWhoMayHaveIt() {
        String placement = newPlacement();
        String gold = key("gold-upgrade");
        Map<String, Object> definition = definition("Gold upgrade", placement);
        definition.put("eligibility", "profile.attributes.tier == 'gold'");
        live(gold, definition);
        String goldCustomer = newCustomer();
        String silverCustomer = newCustomer();
        snapshot(goldCustomer, Map.of("attributes", Map.of("tier", "gold")));
        snapshot(silverCustomer, Map.of("attributes", Map.of("tier", "silver")));

        assertThat(chosen(decision(goldCustomer, placement, Map.of(), true))).containsExactly(gold);
        JsonPath silver = decision(silverCustomer, placement, Map.of(), true);
        assertThat(chosen(silver)).isEmpty();
        assertThat(stage(silver, gold)).isEqualTo("ELIGIBILITY");
        assertThat(reason(silver, gold)).contains("action policy is false").contains("profile.attributes.tier == 'gold'");
    }

    @Test
    void aGroupsApplicabilityLooksAtTheContext() {
        String placement = newPlacement();
        String group = key("winback");
        String offer = key("stay-discount");
        Map<String, Object> definition = definition("Stay discount", placement);
        definition.put("group", group);
        live(offer, definition);
        given().auth().oauth2(marketer()).contentType("application/json")
                .body("{\"applicability\":\"has(context.intent) && context.intent == 'cancel'\"}")
                .put("/nba/v1/catalog/policies/group/" + group).then().statusCode(200);
        String customer = newCustomer();
        snapshot(customer, Map.of());

        assertThat(chosen(decision(customer, placement, Map.of("intent", "cancel"), false))).containsExactly(offer);
        JsonPath browsing = decision(customer, placement, Map.of("intent", "billing"), true);
        assertThat(stage(browsing, offer)).isEqualTo("APPLICABILITY");
        assertThat(reason(browsing, offer)).startsWith("group " + group + " policy is false");
    }

    @Test
    void anIssuesSuitabilityProtectsUnhappyCustomers() {
        String placement = newPlacement();
        String issue = key("sales");
        String offer = key("premium-tv");
        Map<String, Object> definition = definition("Premium TV", placement);
        definition.put("issue", issue);
        live(offer, definition);
        given().auth().oauth2(marketer()).contentType("application/json")
                .body("{\"suitability\":\"!has(traits.complaints) || traits.complaints.count < 3\"}")
                .put("/nba/v1/catalog/policies/issue/" + issue).then().statusCode(200);
        String content = newCustomer();
        String complaining = newCustomer();
        snapshot(content, Map.of("traits", Map.of("complaints", Map.of("count", 0))));
        snapshot(complaining, Map.of("traits", Map.of("complaints", Map.of("count", 4))));

        assertThat(chosen(decision(content, placement, Map.of(), false))).containsExactly(offer);
        JsonPath unhappy = decision(complaining, placement, Map.of(), true);
        assertThat(stage(unhappy, offer)).isEqualTo("SUITABILITY");
        assertThat(reason(unhappy, offer)).startsWith("issue " + issue + " policy is false");
    }

    @Test
    void anExpressionThatDoesNotCompileIsRefusedWithWhereAndWhy() {
        Map<String, Object> definition = definition("Broken", newPlacement());
        definition.put("eligibility", "profile.atributes.tier == 'gold'");
        given().auth().oauth2(marketer()).contentType("application/json")
                .body(json(Map.of("key", key("broken"), "definition", definition)))
                .post(ACTIONS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("eligibility"))
                .body("detail", containsString("'profile.atributes' at character 1 is not a field of profile"));
        definition.put("eligibility", "profile.attributes.tier ==");
        given().auth().oauth2(marketer()).contentType("application/json")
                .body(json(Map.of("key", key("broken"), "definition", definition)))
                .post(ACTIONS).then()
                .statusCode(400).body("detail", containsString("eligibility: ERROR"));
        given().auth().oauth2(marketer()).contentType("application/json").body("{\"eligibility\":\"1 + 1\"}")
                .put("/nba/v1/catalog/policies/group/anything").then()
                .statusCode(400).body("detail", containsString("eligibility"));
    }

    @Test
    void outsideItsValidityWindowOrAudienceAnActionIsNotOffered() {
        String placement = newPlacement();
        String later = key("spring-sale");
        Map<String, Object> future = definition("Spring sale", placement);
        future.put("validFrom", Instant.now().plus(30, ChronoUnit.DAYS).toString());
        live(later, future);
        String forCustomers = key("loyalty-gift");
        Map<String, Object> customersOnly = definition("Loyalty gift", placement);
        customersOnly.put("audience", "CUSTOMERS");
        live(forCustomers, customersOnly);
        String prospect = newCustomer();
        snapshot(prospect, Map.of("kind", "PROSPECT"));

        JsonPath decision = decision(prospect, placement, Map.of(), true);
        assertThat(chosen(decision)).isEmpty();
        assertThat(stage(decision, later)).isEqualTo("VALIDITY");
        assertThat(stage(decision, forCustomers)).isEqualTo("AUDIENCE");
        assertThat(reason(decision, forCustomers)).isEqualTo("for customers only; this is a prospect");
    }

    @Test
    void aNewVersionGoesLiveOnlyOnceItsAssessmentApprovesItAndTheOldOneServesMeanwhile() {
        String placement = newPlacement();
        String offer = key("data-boost");
        String id = live(offer, definition("Data boost", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of());
        Map<String, Object> changed = definition("Data boost plus", placement);
        given().auth().oauth2(marketer()).contentType("application/json").body(json(changed))
                .put(ACTIONS + "/" + id).then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("DRAFT"))
                .body("liveVersion", equalTo(1));
        given().auth().oauth2(marketer()).contentType("application/json").body("{\"version\":2}")
                .post(ACTIONS + "/" + id + "/submit").then().statusCode(200).body("status", equalTo("PENDING_ASSESSMENT"));

        assertThat(decision(customer, placement, Map.of(), false).getString("actions[0].name")).isEqualTo("Data boost");
        assessed(id, offer, 2, "PENDING_REVIEW", null);
        assertThat(decision(customer, placement, Map.of(), false).getString("actions[0].name")).isEqualTo("Data boost");
        assessed(id, offer, 2, "APPROVED", "fine");
        awaitStatus(id, 2, "ACTIVE");
        given().auth().oauth2(marketer()).get(ACTIONS + "/" + id).then().statusCode(200).body("liveVersion", equalTo(2))
                .body("note", org.hamcrest.Matchers.containsString("fine"));
        JsonPath after = decision(customer, placement, Map.of(), false);
        assertThat(after.getString("actions[0].name")).isEqualTo("Data boost plus");
        assertThat(after.getInt("actions[0].version")).isEqualTo(2);
        given().auth().oauth2(marketer()).get(ACTIONS + "/" + id + "/versions").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.contains("RETIRED", "ACTIVE"));

        given().auth().oauth2(marketer()).post(ACTIONS + "/" + id + "/retire").then().statusCode(200);
        assertThat(chosen(decision(customer, placement, Map.of(), false))).isEmpty();
        // An approval delivered again after the version retired changes nothing.
        double notWaiting = notWaitingAssessments();
        assessed(id, offer, 2, "APPROVED", "fine");
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> notWaitingAssessments() > notWaiting);
        assertThat(chosen(decision(customer, placement, Map.of(), false))).isEmpty();
        given().auth().oauth2(marketer()).get(ACTIONS + "/" + id + "/versions").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.contains("RETIRED", "RETIRED"));
    }

    /** The assessment consumer's own counter, read in this JVM (the service runs in it). */
    private static double notWaitingAssessments() {
        return io.quarkus.arc.Arc.container().instance(io.micrometer.core.instrument.MeterRegistry.class).get()
                .counter("nba.catalog.assessments", "outcome", "not-waiting").count();
    }
}
