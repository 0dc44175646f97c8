package dev.nextbest.profile.segments;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class SegmentTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Test
    void aProfileJoinsAndLeavesASegmentAsItChangesAndEachChangeIsPublished() {
        String segment = "repeat-complainers-" + UUID.randomUUID().toString().substring(0, 8);
        create(segment, "traits.complaints >= 2 && traits.daysSinceLastComplaint <= 30").then().statusCode(201)
                .body("id", equalTo(segment));
        String customer = newCustomerId();

        complaint(customer, 3);
        await().atMost(PATIENCE).untilAsserted(() -> profile(customer).body("traits.complaints.count", equalTo(1))
                .body("segments", empty()));
        complaint(customer, 1);
        await("joins").atMost(PATIENCE).untilAsserted(() -> profile(customer).body("segments", hasItem(segment)));

        ConsumerRecord<String, byte[]> joined = TestKafka.await(SegmentMembership.TOPIC,
                record -> customer.equals(record.key()), PATIENCE);
        assertThat(joined).as("a membership change on " + SegmentMembership.TOPIC).isNotNull();
        assertThat(new String(joined.value(), StandardCharsets.UTF_8))
                .contains(SegmentMembership.TYPE, "\"joined\":[\"" + segment + "\"]", "\"left\":[]");

        given().auth().oauth2(marketer()).delete("/profile/v1/segments/{id}", segment).then().statusCode(204);
        await("leaves once the segment is gone, with no event of its own").atMost(PATIENCE)
                .untilAsserted(() -> profile(customer).body("segments", empty()));
    }

    @Test
    void aNewSegmentTakesInExistingProfilesWithoutWaitingForTheirNextEvent() {
        String customer = newCustomerId();
        complaint(customer, 2);
        await().atMost(PATIENCE).untilAsserted(() -> profile(customer).body("traits.complaints.count", equalTo(1)));

        String segment = "complained-" + UUID.randomUUID().toString().substring(0, 8);
        create(segment, "traits.complaints >= 1 && profile.customerId == '" + customer + "'").then().statusCode(201);

        await("joins").atMost(PATIENCE).untilAsserted(() -> profile(customer).body("segments", hasItem(segment)));
        ConsumerRecord<String, byte[]> joined = TestKafka.await(SegmentMembership.TOPIC,
                record -> customer.equals(record.key()), PATIENCE);
        assertThat(new String(joined.value(), StandardCharsets.UTF_8)).contains("\"joined\":[\"" + segment + "\"]");
    }

    @Test
    void refusesAnExpressionThatDoesNotCompileAndSaysWhere() {
        create("broken", "traits.complaints >=").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("expression: ERROR: <input>:1:21"));
        create("typo", "traits.complaintz > 1").then()
                .statusCode(400).body("detail", containsString("'traits.complaintz' at character 1 is not a field of traits"));
        create("not-a-condition", "traits.complaints + 1").then()
                .statusCode(400).body("detail", containsString("bool"));
        given().auth().oauth2(marketer()).get("/profile/v1/segments/broken").then().statusCode(404);
    }

    @Test
    void refusesATakenIdAndAnAgentCreatingSegments() {
        String id = "gold-" + UUID.randomUUID().toString().substring(0, 8);
        create(id, "has(profile.attributes.tier) && profile.attributes.tier == 'gold'").then().statusCode(201);
        create(id, "true").then().statusCode(409);
        given().auth().oauth2(TestTokens.token("agent-desktop", "agent")).contentType("application/json")
                .body(Map.of("id", "agents-own", "name", "Agent's", "expression", "true"))
                .post("/profile/v1/segments").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("agent-desktop", "agent")).get("/profile/v1/segments").then()
                .statusCode(200).body("id", hasItem(id));
    }

    private static io.restassured.response.Response create(String id, String expression) {
        return given().auth().oauth2(marketer()).contentType("application/json")
                .body(Map.of("id", id, "name", "Segment " + id, "expression", expression))
                .post("/profile/v1/segments");
    }

    private static void complaint(String customer, int daysAgo) {
        TestKafka.send(TOPIC, customer, structured(interaction(customer, NOW.minusDays(daysAgo),
                "{\"channel\":\"agent\",\"kind\":\"complaint\"}")));
    }

    private static io.restassured.response.ValidatableResponse profile(String customer) {
        return given().auth().oauth2(TestTokens.token("agent-desktop", "agent"))
                .get("/profile/v1/customers/{id}", customer).then();
    }

    private static String marketer() {
        return TestTokens.token("marketer-console", "marketer");
    }
}
