package dev.nextbest.nba.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.nba.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The decision API: ranking, the funnel and its replay, the control group, the service level, the decision log. */
@QuarkusTest
class DecisionApiTest extends RealServers {

    @Inject
    Pool pool;

    @BeforeEach
    void deterministicSettings() {
        apply(settings());
    }

    @Test
    void ranksByPriorityAndExplainsEveryCandidate() {
        String placement = newPlacement();
        String cheap = key("a-cheap");
        String dear = key("b-dear");
        String boosted = key("c-boosted");
        String twin = key("d-twin");
        Map<String, Object> cheapOne = definition("Cheap", placement);
        cheapOne.put("value", 10);
        cheapOne.put("basePropensity", 0.5);
        live(cheap, cheapOne);
        Map<String, Object> dearOne = definition("Dear", placement);
        dearOne.put("value", 100);
        dearOne.put("basePropensity", 0.1);
        live(dear, dearOne);
        Map<String, Object> boostedOne = definition("Boosted", placement);
        boostedOne.put("value", 10);
        boostedOne.put("basePropensity", 0.1);
        boostedOne.put("contextWeight", "has(context.intent) && context.intent == 'cancel' ? 20.0 : 1.0");
        boostedOne.put("levers", Map.of("strategic", 1.5));
        live(boosted, boostedOne);
        Map<String, Object> twinOne = definition("Twin of dear", placement);
        twinOne.put("value", 100);
        twinOne.put("basePropensity", 0.1);
        live(twin, twinOne);
        String customer = newCustomer();
        snapshot(customer, Map.of());

        // priorities: boosted 0.1 x 20 x 10 x 1.5 = 30; dear and twin 0.1 x 100 = 10 (tie: key order); cheap 0.5 x 10 = 5
        JsonPath decision = decision(customer, placement, Map.of("intent", "cancel"), true);
        assertThat(chosen(decision)).containsExactly(boosted, dear, twin, cheap);
        assertThat(decision.getDouble("actions[0].priority")).isEqualTo(30.0);
        assertThat(decision.getList("actions[0].reasonCodes", String.class))
                .containsExactly("BASE_PROPENSITY", "CONTEXT_BOOST", "BUSINESS_LEVERS");
        assertThat(decision.getString("actions[0].reason")).contains("about 10% likely to be taken up")
                .contains("20x more relevant in this situation").contains("ranks 1 of 4");
        assertThat(decision.getString("actions[0].treatment.message")).isEqualTo("Offer Boosted");
        assertThat(decision.getString("group")).isEqualTo("treatment");
        assertThat(decision.getDouble("actions[0].selectionProbability")).isEqualTo(1.0);
        assertThat(stage(decision, cheap)).isEqualTo("CHOSEN");

        Map<String, Object> settings = settings();
        settings.put("arbitration", Map.of("propensity", true, "contextWeight", true, "value", false, "levers", true));
        settings.put("placements", Map.of("agent/" + placement, Map.of("maxActions", 2)));
        apply(settings);
        JsonPath withoutValue = decision(customer, placement, Map.of("intent", "cancel"), true);
        assertThat(chosen(withoutValue)).containsExactly(boosted, cheap);
        assertThat(stage(withoutValue, dear)).isEqualTo("ARBITRATION");
        assertThat(withoutValue.getInt("funnel.find { it.actionKey == '" + dear + "' }.rank")).isEqualTo(3);
        assertThat(withoutValue.getInt("funnel.find { it.actionKey == '" + cheap + "' }.rank")).isEqualTo(2);
        assertThat(reason(withoutValue, dear)).as("the rank says why").isNull();
    }

    @Test
    void theFunnelIsOnlyReturnedWhenAskedAndCanBeReplayed() {
        String placement = newPlacement();
        String offer = key("offer");
        live(offer, definition("Offer", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of());

        JsonPath plain = decision(customer, placement, Map.of(), false);
        assertThat(plain.getList("funnel")).isNull();
        String id = plain.getString("decisionId");
        given().auth().oauth2(agent()).get("/nba/v1/decisions/" + id).then().statusCode(200)
                .body("decisionId", equalTo(id))
                .body("customerId", equalTo(customer))
                .body("funnel.actionKey", hasItem(offer))
                .body("funnel.find { it.actionKey == '" + offer + "' }.stage", equalTo("CHOSEN"))
                .body("catalogRevision", org.hamcrest.Matchers.greaterThan(1));
        // Once written, the replay comes from PostgreSQL, whole.
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.preparedQuery("SELECT 1 FROM decision WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().size() == 1);
        given().auth().oauth2(agent()).get("/nba/v1/decisions/" + id).then().statusCode(200)
                .body("customerId", equalTo(customer))
                .body("funnel.find { it.actionKey == '" + offer + "' }.stage", equalTo("CHOSEN"));
        given().auth().oauth2(agent()).get("/nba/v1/decisions/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(agent()).get("/nba/v1/decisions/nope").then().statusCode(400);
    }

    @Test
    void everyDecisionGoesToTheDecisionLogWithWhatAuditNeeds() throws Exception {
        String placement = newPlacement();
        String offer = key("logged");
        live(offer, definition("Logged", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of());
        String id = decision(customer, placement, Map.of("intent", "billing"), false).getString("decisionId");

        ConsumerRecord<String, byte[]> record = TestKafka.await("nba-decisions",
                r -> r.value() != null && new String(r.value()).contains(id), Duration.ofSeconds(30));
        assertThat(record).isNotNull();
        assertThat(record.key()).isEqualTo(customer);
        assertThat(TestKafka.header(record, "ce_type")).isEqualTo("dev.nextbest.nba.decision-made.v1");
        assertThat(TestKafka.header(record, "ce_id")).isEqualTo(id);
        assertThat(TestKafka.header(record, "ce_specversion")).isEqualTo("1.0");
        JsonNode data = JSON.readTree(record.value());
        assertThat(data.get("actions").get(0).get("selectionProbability").asDouble()).isEqualTo(1.0);
        assertThat(data.get("funnel").size()).isGreaterThan(0);
        assertThat(data.get("catalogRevision").asLong()).isPositive();
        assertThat(data.has("models")).isTrue();
        assertThat(data.get("context").get("intent").asText()).isEqualTo("billing");
    }

    @Test
    void theControlGroupIsStickyForThePeriod() {
        String placement = newPlacement();
        String offer = key("offer");
        live(offer, definition("Offer", placement));
        live(key("other"), definition("Other", placement));
        Map<String, Object> settings = settings();
        settings.put("controlGroup", Map.of("percent", 50, "period", "MONTH", "behaviour", "RANDOM_ELIGIBLE"));
        apply(settings);

        int inControl = 0;
        for (int i = 0; i < 30; i++) {
            String customer = newCustomer();
            snapshot(customer, Map.of());
            String first = decision(customer, placement, Map.of(), false).getString("group");
            for (int again = 0; again < 3; again++) {
                JsonPath decision = decision(customer, placement, Map.of(), true);
                assertThat(decision.getString("group")).as("customer %s, decision %d", customer, again).isEqualTo(first);
                if (first.equals("control")) {
                    assertThat(chosen(decision)).hasSize(1);
                    assertThat(decision.getDouble("actions[0].selectionProbability")).isEqualTo(0.5);
                    assertThat(decision.getList("actions[0].reasonCodes", String.class)).containsExactly("CONTROL_GROUP_RANDOM");
                } else {
                    assertThat(chosen(decision)).hasSize(2);
                }
            }
            inControl += first.equals("control") ? 1 : 0;
        }
        assertThat(inControl).as("customers in a 50% control group, of 30").isBetween(5, 25);

        settings.put("controlGroup", Map.of("percent", 50, "period", "MONTH", "behaviour", "NO_ACTION"));
        apply(settings);
        for (int i = 0; i < 20; i++) {
            String customer = newCustomer();
            JsonPath decision = decision(customer, placement, Map.of(), true);
            if (decision.getString("group").equals("control")) {
                assertThat(chosen(decision)).isEmpty();
                assertThat(stage(decision, offer)).isEqualTo("CONTROL_GROUP");
                return;
            }
        }
        throw new AssertionError("no customer of 20 fell in a 50% control group");
    }

    @Test
    void explorationRecordsTheProbabilityOfEachChoice() {
        String placement = newPlacement();
        String first = key("first");
        String second = key("second");
        String third = key("third");
        for (String key : List.of(first, second, third)) {
            Map<String, Object> definition = definition(key, placement);
            definition.put("basePropensity", 0.3);
            live(key, definition);
        }
        Map<String, Object> settings = settings();
        settings.put("exploration", Map.of("enabled", true, "modelWeight", 0.5));
        apply(settings);
        String customer = newCustomer();
        snapshot(customer, Map.of());
        Map<String, Object> request = new HashMap<>(Map.of("customer", Map.of("id", customer), "channel", "agent",
                "placement", placement, "limit", 1));
        JsonPath decision = decide(agent(), request).statusCode(200).extract().jsonPath();
        double probability = decision.getDouble("actions[0].selectionProbability");
        assertThat(probability).as("three equal actions, one chosen by Thompson sampling").isBetween(0.1, 0.7);
        assertThat(decision.getList("actions[0].reasonCodes", String.class)).contains("EXPLORATION");
    }

    @Test
    void pastTheServiceLevelTheDefaultActionsAreReturned() {
        String placement = newPlacement();
        String fallback = key("help-centre");
        Map<String, Object> definition = definition("Help centre", placement);
        definition.put("fallback", true);
        live(fallback, definition);
        live(key("personal"), definition("Personal", placement));

        // 1 ms is shorter than two Redis round trips and a database read, but a fast machine may sometimes
        // make it: ask a few times, each for a customer not seen before; every answer must be a decision.
        JsonPath decision = null;
        for (int attempt = 0; attempt < 20 && (decision == null || !decision.getBoolean("defaulted")); attempt++) {
            Map<String, Object> request = new LinkedHashMap<>(Map.of("customer", Map.of("id", newCustomer()), "channel", "agent",
                    "placement", placement, "serviceLevelMs", 1));
            decision = decide(agent(), request).statusCode(200).extract().jsonPath();
        }
        assertThat(decision.getBoolean("defaulted")).isTrue();
        assertThat(chosen(decision)).containsExactly(fallback);
        assertThat(decision.getList("actions[0].reasonCodes", String.class)).containsExactly("DEFAULT_ACTION");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("nba_decisions_seconds_count{outcome=\"defaulted\"}"));
    }

    @Test
    void refusesABadRequestWithWhatIsWrong() {
        String customer = newCustomer();
        decide(agent(), Map.of("customer", Map.of("id", customer), "channel", "agent", "limit", 0)).statusCode(400)
                .contentType("application/problem+json").body("violations.message", hasItem("must be 1 to 100"));
        decide(agent(), Map.of("customer", Map.of("id", customer), "channel", "agent", "limit", 101)).statusCode(400);
        decide(agent(), Map.of("customer", Map.of("id", customer), "channel", "fax")).statusCode(400)
                .body("violations.message", hasItem("must be one of web, app, agent, ivr, email, sms, store"));
        decide(agent(), Map.of("customer", Map.of("id", customer, "identifier", Map.of("type", "phone", "value", "+442079460018")),
                "channel", "agent")).statusCode(400).body("violations.message", hasItem("give exactly one of id and identifier"));
        decide(agent(), Map.of("customer", Map.of("id", "jane@example.com"), "channel", "agent")).statusCode(400)
                .body("violations.message", hasItem("must be a customer id (cus_ and 32 hexadecimal digits)"));
        decide(agent(), Map.of("channel", "agent")).statusCode(400);
        given().auth().oauth2(agent()).contentType("application/json").body("{\"customer\":").post("/nba/v1/decisions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anAppMayOnlyAskForItsOwnCustomer() {
        String customer = newCustomer();
        Map<String, Object> request = Map.of("customer", Map.of("id", customer), "channel", "app");
        decide(TestTokens.customerToken("mobile-app", customer), request).statusCode(200).body("customerId", equalTo(customer));
        decide(TestTokens.customerToken("mobile-app", newCustomer()), request).statusCode(403)
                .contentType("application/problem+json");
        decide(TestTokens.token("console", "marketer"), request).statusCode(403);
        given().contentType("application/json").body(json(request)).post("/nba/v1/decisions").then().statusCode(401);
        given().auth().oauth2(TestTokens.customerToken("mobile-app", customer)).get("/nba/v1/decisions/" + UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void anUnknownCustomerIsAProspectWithoutAProfile() {
        String placement = newPlacement();
        String offer = key("welcome");
        live(offer, definition("Welcome", placement));
        JsonPath decision = decision(newCustomer(), placement, Map.of(), false);
        assertThat(decision.getBoolean("profileKnown")).isFalse();
        assertThat(chosen(decision)).containsExactly(offer);
        assertThat(decision.getString("defaultReason")).isNull();
    }

}
