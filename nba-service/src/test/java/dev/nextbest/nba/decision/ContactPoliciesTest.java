package dev.nextbest.nba.decision;

import dev.nextbest.nba.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Contact policies (suppression after impressions without response, after a reject, after an acceptance;
 * channel caps), never offering what is held, and volume limits; counters in the real Redis.
 */
@QuarkusTest
class ContactPoliciesTest extends RealServers {

    @BeforeEach
    void deterministicSettings() {
        apply(settings());
    }

    @Test
    void stopsAfterImpressionsWithoutAResponseUntilTheCustomerResponds() {
        String placement = newPlacement();
        String offer = key("fibre");
        Map<String, Object> definition = definition("Fibre", placement);
        definition.put("contact", Map.of("maxImpressionsWithoutResponse", 2));
        live(offer, definition);
        String customer = newCustomer();
        snapshot(customer, Map.of());

        respond(customer, offer, "IMPRESSION", null);
        assertThat(chosen(decision(customer, placement, Map.of(), false))).containsExactly(offer);
        respond(customer, offer, "IMPRESSION", null);
        JsonPath suppressed = decision(customer, placement, Map.of(), true);
        assertThat(stage(suppressed, offer)).isEqualTo("CONTACT_POLICY");
        assertThat(reason(suppressed, offer)).isEqualTo("shown 2 times without a response (at most 2)");

        respond(customer, offer, "CLICK", null);
        assertThat(chosen(decision(customer, placement, Map.of(), false))).containsExactly(offer);
    }

    @Test
    void aRejectAndAnAcceptanceEachSuppressForTheirPeriod() {
        String placement = newPlacement();
        String rejected = key("insurance");
        String accepted = key("paperless");
        Map<String, Object> rejectRule = definition("Insurance", placement);
        rejectRule.put("contact", Map.of("daysAfterReject", 30));
        live(rejected, rejectRule);
        Map<String, Object> acceptRule = definition("Paperless billing", placement);
        acceptRule.put("contact", Map.of("daysAfterAccept", 90));
        live(accepted, acceptRule);
        String customer = newCustomer();
        snapshot(customer, Map.of());

        respond(customer, rejected, "REJECT", null);
        respond(customer, accepted, "ACCEPT", null);
        JsonPath decision = decision(customer, placement, Map.of(), true);
        assertThat(chosen(decision)).isEmpty();
        assertThat(reason(decision, rejected)).startsWith("rejected 1 minutes ago; not offered again for 30 days");
        assertThat(reason(decision, accepted)).startsWith("accepted 1 minutes ago; not offered again for 90 days");
    }

    @Test
    void aChannelCapStopsEveryActionOnThatChannel() {
        String placement = newPlacement();
        Map<String, Object> settings = settings();
        settings.put("channelCaps", Map.of("email", Map.of("max", 2, "days", 7)));
        apply(settings);
        String offer = key("newsletter-offer");
        Map<String, Object> definition = definition("Newsletter offer", placement);
        definition.put("treatments", List.of(Map.of("key", "mail", "channel", "email", "placement", placement, "message", "Hello")));
        live(offer, definition);
        String customer = newCustomer();
        snapshot(customer, Map.of());

        Map<String, Object> onEmail = new LinkedHashMap<>(Map.of("customer", Map.of("id", customer), "channel", "email",
                "placement", placement, "explain", true));
        decide(agent(), onEmail).statusCode(200).body("actions.actionKey", org.hamcrest.Matchers.contains(offer));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(agent()).contentType("application/json")
                    .body(json(Map.of("responseId", UUID.randomUUID().toString(), "customerId", customer, "action", offer,
                            "type", "IMPRESSION", "channel", "email")))
                    .post("/nba/v1/responses").then().statusCode(202);
        }
        JsonPath capped = decide(agent(), onEmail).statusCode(200).extract().jsonPath();
        assertThat(chosen(capped)).isEmpty();
        assertThat(reason(capped, offer)).isEqualTo("the email contact cap is reached: 2 impressions in 7 days (at most 2)");
    }

    @Test
    void neverOffersAProductTheCustomerHolds() {
        String placement = newPlacement();
        String offer = key("broadband-upgrade");
        Map<String, Object> definition = definition("Broadband", placement);
        definition.put("product", "broadband");
        live(offer, definition);
        String holder = newCustomer();
        snapshot(holder, Map.of("holdings", Map.of("broadband", Map.of("status", "ACTIVE", "since", "2024-01-01"))));
        String former = newCustomer();
        snapshot(former, Map.of("holdings", Map.of("broadband", Map.of("status", "CLOSED", "since", "2020-01-01"))));

        JsonPath held = decision(holder, placement, Map.of(), true);
        assertThat(stage(held, offer)).isEqualTo("PRODUCT_HELD");
        assertThat(reason(held, offer)).isEqualTo("the customer already holds broadband");
        assertThat(chosen(decision(former, placement, Map.of(), false))).containsExactly(offer);
    }

    @Test
    void aCustomerWhoHasJustBoughtIsNotOfferedItAgainBeforeTheirProfileCatchesUp() {
        String placement = newPlacement();
        String offer = key("tv-bundle");
        Map<String, Object> definition = definition("TV bundle", placement);
        definition.put("product", "tv");
        live(offer, definition);
        String customer = newCustomer();
        snapshot(customer, Map.of());
        JsonPath before = decision(customer, placement, Map.of(), false);
        assertThat(chosen(before)).containsExactly(offer);

        respond(customer, offer, "CONVERT", before.getString("decisionId"));

        for (int i = 0; i < 3; i++) {
            JsonPath after = decision(customer, placement, Map.of(), true);
            assertThat(chosen(after)).as("decision %d after the purchase", i).isEmpty();
            assertThat(reason(after, offer)).startsWith("the customer bought tv");
        }
        snapshot(customer, Map.of("holdings", Map.of("tv", Map.of("status", "ACTIVE", "since", "2026-11-23"))));
        assertThat(stage(decision(customer, placement, Map.of(), true), offer)).isEqualTo("PRODUCT_HELD");
    }

    @Test
    void aVolumeLimitHoldsAcrossCustomers() {
        String placement = newPlacement();
        String offer = key("free-router");
        String backup = key("help-video");
        Map<String, Object> limited = definition("Free router", placement);
        limited.put("volume", Map.of("max", 2, "period", "DAY"));
        limited.put("value", 200);
        live(offer, limited);
        live(backup, definition("Help video", placement));
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String customer = newCustomer();
            snapshot(customer, Map.of());
            Map<String, Object> request = new HashMap<>(Map.of("customer", Map.of("id", customer), "channel", "agent",
                    "placement", placement, "limit", 1, "explain", true));
            JsonPath decision = decide(agent(), request).statusCode(200).extract().jsonPath();
            firsts.add(chosen(decision).get(0));
            if (i == 2) {
                assertThat(stage(decision, offer)).isEqualTo("VOLUME");
                assertThat(reason(decision, offer)).isEqualTo("its limit of 2 per day is reached");
            }
        }
        assertThat(firsts).containsExactly(offer, offer, backup);
    }

    @Test
    void theSameResponseSentTwiceCountsOnce() {
        String placement = newPlacement();
        String offer = key("upgrade");
        Map<String, Object> definition = definition("Upgrade", placement);
        definition.put("contact", Map.of("maxImpressionsWithoutResponse", 2));
        live(offer, definition);
        String customer = newCustomer();
        snapshot(customer, Map.of());
        String body = json(Map.of("responseId", "r-" + UUID.randomUUID(), "customerId", customer, "action", offer,
                "type", "IMPRESSION", "channel", "agent"));
        given().auth().oauth2(agent()).contentType("application/json").body(body).post("/nba/v1/responses").then()
                .statusCode(202).body("duplicate", equalTo(false));
        given().auth().oauth2(agent()).contentType("application/json").body(body).post("/nba/v1/responses").then()
                .statusCode(202).body("duplicate", equalTo(true));
        assertThat(chosen(decision(customer, placement, Map.of(), false))).containsExactly(offer);
    }

    @Test
    void refusesAResponseThatMakesNoSense() {
        String customer = newCustomer();
        given().auth().oauth2(agent()).contentType("application/json")
                .body(json(Map.of("responseId", "r1", "customerId", customer, "action", "no-such-action-anywhere",
                        "type", "ACCEPT", "channel", "agent")))
                .post("/nba/v1/responses").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("no action with key 'no-such-action-anywhere'"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body(json(Map.of("responseId", "r2", "customerId", customer, "action", "x", "type", "LIKE", "channel", "agent")))
                .post("/nba/v1/responses").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString(
                        "must be one of IMPRESSION, CLICK, ACCEPT, REJECT, IGNORE, CONVERT"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body(json(Map.of("responseId", "r3", "customerId", customer, "action", "x", "type", "ACCEPT",
                        "channel", "agent", "value", 10)))
                .post("/nba/v1/responses").then().statusCode(400);
        given().auth().oauth2(dev.nextbest.local.testing.TestTokens.customerToken("app", newCustomer())).contentType("application/json")
                .body(json(Map.of("responseId", "r4", "customerId", customer, "action", "x", "type", "ACCEPT", "channel", "app")))
                .post("/nba/v1/responses").then().statusCode(403);
    }
}
