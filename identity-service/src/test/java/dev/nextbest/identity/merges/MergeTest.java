package dev.nextbest.identity.merges;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class MergeTest {

    @Test
    void aVerifiedStrongIdentifierMergesAProspectIntoTheCustomerWithOneEvent() {
        String email = "merge." + unique() + "@example.com";
        String login = "login" + unique();
        String prospect = resolve(id("email", email, false)).extract().path("customerId");
        String customer = resolve(id("login_id", login, true), id("customer_number", "CN-" + unique(), true))
                .extract().path("customerId");

        // The customer logs in and confirms the email the prospect was known by.
        String mergeId = resolve(id("login_id", login, true), id("email", email, true))
                .body("customerId", equalTo(customer))
                .body("merged[0].customerId", equalTo(prospect))
                .body("conflicts", empty())
                .extract().path("merged[0].mergeId");

        resolve(id("email", email, false)).body("customerId", equalTo(customer));
        given().auth().oauth2(token()).get("/identity/v1/customers/" + prospect).then().statusCode(200).body("mergedInto", equalTo(customer));
        given().auth().oauth2(token()).get("/identity/v1/merges/" + mergeId).then().statusCode(200)
                .body("survivorId", equalTo(customer)).body("absorbedId", equalTo(prospect))
                .body("reason", equalTo("verified email")).body("source", equalTo("/channels/app"));
        List<ConsumerRecord<String, byte[]>> events = mergeEvents(customer, Merger.CUSTOMERS_MERGED);
        assertThat(events).hasSize(1);
        assertThat(new String(events.get(0).value(), StandardCharsets.UTF_8)).contains(prospect, mergeId).doesNotContain(email);
    }

    @Test
    void anUnverifiedIdentifierDoesNotMerge() {
        String email = "asserted." + unique() + "@example.com";
        String login = "login" + unique();
        String prospect = resolve(id("email", email, false)).extract().path("customerId");
        String customer = resolve(id("login_id", login, true)).extract().path("customerId");

        resolve(id("login_id", login, true), id("email", email, false))
                .body("customerId", equalTo(customer))
                .body("merged", empty())
                .body("conflicts[0].customerId", equalTo(prospect))
                .body("conflicts[0].reason", equalTo("not merged: no verified strong identifier shows they are one person"));
    }

    @Test
    void twoCustomerNumbersAreTwoPeople() {
        String login = "login" + unique();
        String email = "protected." + unique() + "@example.com";
        String first = resolve(id("login_id", login, true), id("customer_number", "CN-" + unique(), true)).extract().path("customerId");
        String second = resolve(id("email", email, true), id("customer_number", "CN-" + unique(), true)).extract().path("customerId");

        resolve(id("login_id", login, true), id("email", email, true))
                .body("customerId", equalTo(first))
                .body("merged", empty())
                .body("conflicts[0].customerId", equalTo(second))
                .body("conflicts[0].reason", equalTo("not merged: each has its own customer_number identifier"));
    }

    @Test
    void refusesAMergeOfMoreCustomersThanTheLimitAndFlagsIt() {
        List<String> emails = List.of("a", "b", "c", "d").stream().map(p -> p + "." + unique() + "@example.com").toList();
        emails.forEach(email -> resolve(id("email", email, true)));

        resolve(emails.stream().map(email -> id("email", email, true)).toArray(String[]::new))
                .body("merged", empty())
                .body("conflicts", hasSize(3))
                .body("conflicts[0].reason", startsWith("merge refused: it would join 4 customers (limit 3)"));
        given().auth().oauth2(token()).get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("identity_merges_refused_total"));
    }

    @Test
    void undoGivesBackExactlyWhatTheMergeMoved() {
        String email = "undo." + unique() + "@example.com";
        String cookie = "cookie-" + unique();
        String login = "login" + unique();
        String prospect = resolve(id("email", email, false), id("cookie_id", cookie, false)).extract().path("customerId");
        String customer = resolve(id("login_id", login, true)).extract().path("customerId");
        String mergeId = resolve(id("login_id", login, true), id("email", email, true))
                .body("merged[0].customerId", equalTo(prospect)).extract().path("merged[0].mergeId");
        resolve(id("cookie_id", cookie, false)).body("customerId", equalTo(customer));

        given().auth().oauth2(token()).post("/identity/v1/merges/" + mergeId + "/undo").then()
                .statusCode(200).body("undoneAt", notNullValue());

        resolve(id("email", email, false)).body("customerId", equalTo(prospect));
        resolve(id("cookie_id", cookie, false)).body("customerId", equalTo(prospect));
        resolve(id("login_id", login, true)).body("customerId", equalTo(customer));
        given().auth().oauth2(token()).get("/identity/v1/customers/" + prospect).then().body("mergedInto", org.hamcrest.Matchers.nullValue());
        assertThat(mergeEvents(prospect, Merger.CUSTOMERS_UNMERGED)).hasSize(1);

        given().auth().oauth2(token()).post("/identity/v1/merges/" + mergeId + "/undo").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("merge " + mergeId + " was already undone"));
        given().auth().oauth2(token()).post("/identity/v1/merges/" + UUID.randomUUID() + "/undo").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token()).post("/identity/v1/merges/not-a-uuid/undo").then()
                .statusCode(400).contentType("application/problem+json");
    }

    private static List<ConsumerRecord<String, byte[]>> mergeEvents(String key, String type) {
        TestKafka.await("identity-changes", r -> key.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains(type), Duration.ofSeconds(30));
        return TestKafka.readAll("identity-changes", Duration.ofSeconds(2)).stream()
                .filter(r -> key.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(type))
                .toList();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(String type, String value, boolean verified) {
        return "{\"type\":\"" + type + "\",\"value\":\"" + value + "\",\"verified\":" + verified + "}";
    }

    private static ValidatableResponse resolve(String... identifiers) {
        return given().auth().oauth2(token()).contentType("application/json")
                .body("{\"identifiers\":[" + String.join(",", identifiers) + "],\"source\":\"/channels/app\"}")
                .post("/identity/v1/resolve").then().log().ifValidationFails().statusCode(200);
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent", "service", "admin");
    }
}
