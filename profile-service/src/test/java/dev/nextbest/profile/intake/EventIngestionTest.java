package dev.nextbest.profile.intake;

import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class EventIngestionTest extends RealServers {

    private static final OffsetDateTime MORNING = OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void acceptsTheGoodEventsOfABatchAndReportsTheBadOneByIndex() {
        String customer = newCustomerId();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(event(customer, MORNING.plusMinutes(i), "{\"channel\":\"web\",\"kind\":\"page-view\"}"));
        }
        batch.add(event(customer, MORNING, "{\"channel\":\"fax\",\"kind\":\"page-view\"}"));

        post(agent(), "[" + String.join(",", batch) + "]").then()
                .statusCode(202)
                .body("accepted", equalTo(3))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(3))
                .body("rejected[0].reason", containsString("channel"));

        await("the accepted events are recorded").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/profile/v1/customers/{id}/interactions", customer).then()
                        .statusCode(200).body("interactions", hasSize(3)));
    }

    @Test
    void aBatchSentTwiceIsRecordedOnce() {
        String customer = newCustomerId();
        String one = event(customer, MORNING, "{\"channel\":\"app\",\"kind\":\"search\"}");
        post(agent(), one).then().statusCode(202).body("accepted", equalTo(1));
        post(agent(), "[" + one + "]").then().statusCode(202).body("accepted", equalTo(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/profile/v1/customers/{id}/interactions", customer).then()
                        .body("interactions", hasSize(1)));
    }

    @Test
    void takesABatchOfAThousand() {
        String customer = newCustomerId();
        String batch = IntStream.range(0, 1000)
                .mapToObj(i -> event(customer, MORNING.plusSeconds(i), "{\"channel\":\"web\",\"kind\":\"page-view\"}"))
                .reduce((a, b) -> a + "," + b).orElseThrow();
        post(agent(), "[" + batch + "]").then().statusCode(202).body("accepted", equalTo(1000));
    }

    @Test
    void refusesABatchThatIsNotJsonEmptyTooLargeOrAllBad() {
        post(agent(), "not json").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not JSON"));
        post(agent(), "[]").then().statusCode(400).body("detail", containsString("1 to 1000"));
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "{}").reduce((a, b) -> a + "," + b).orElseThrow();
        post(agent(), "[" + tooMany + "]").then().statusCode(400).body("detail", containsString("holds 1001"));
        post(agent(), "[{\"specversion\":\"1.0\"},42]").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("no event was accepted"))
                .body("rejected", hasSize(2))
                .body("rejected[0].reason", containsString("not a CloudEvent"));
    }

    @Test
    void aChannelAppMaySendEventsAboutItsOwnCustomerOnly() {
        String own = newCustomerId();
        String other = newCustomerId();
        String token = TestTokens.customerToken("mobile-app", own);
        post(token, "[" + event(own, MORNING, "{\"channel\":\"app\",\"kind\":\"login\"}") + ","
                + event(other, MORNING, "{\"channel\":\"app\",\"kind\":\"login\"}") + "]").then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].reason", containsString("may not act for"));
    }

    @Test
    void refusesTokensWithoutAnIngestingRole() {
        post(TestTokens.token("marketer-console", "marketer"), event(newCustomerId(), MORNING,
                "{\"channel\":\"web\",\"kind\":\"page-view\"}")).then().statusCode(403);
    }

    @Test
    void anEventWithRawIdentifiersIsRefusedWhenTheyAreMalformedOrIdentityServiceIsAwayAndNeverEchoesThem() {
        String customer = newCustomerId();
        String malformed = "{\"specversion\":\"1.0\",\"id\":\"raw-1\",\"source\":\"/channels/web\","
                + "\"type\":\"dev.nextbest.customer.interaction.v1\",\"time\":\"2026-11-20T09:00:00Z\","
                + "\"data\":{\"channel\":\"web\",\"kind\":\"page-view\",\"identifiers\":[{\"type\":\"email\"}]}}";
        // In the tests identity-service is not there (the client points at a closed port).
        String unresolvable = "{\"specversion\":\"1.0\",\"id\":\"raw-2\",\"source\":\"/channels/web\","
                + "\"type\":\"dev.nextbest.customer.interaction.v1\",\"time\":\"2026-11-20T09:00:00Z\","
                + "\"data\":{\"channel\":\"web\",\"kind\":\"page-view\","
                + "\"identifiers\":[{\"type\":\"cookie_id\",\"value\":\"c00kie-4711\"}]}}";

        String answer = post(agent(), "[" + malformed + "," + unresolvable + ","
                + event(customer, MORNING, "{\"channel\":\"web\",\"kind\":\"page-view\"}") + "]").then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected.index", contains(0, 1))
                .body("rejected[0].reason", containsString("data.identifiers[0] needs a type and a value"))
                .body("rejected[1].reason", containsString("identity-service could not resolve its identifiers now"))
                .extract().asString();
        assertThat(answer).doesNotContain("c00kie-4711");
    }

    private static io.restassured.response.Response post(String token, String body) {
        return given().auth().oauth2(token).contentType("application/cloudevents-batch+json").body(body)
                .post("/profile/v1/events");
    }

    private static String event(String customer, OffsetDateTime time, String data) {
        return new String(structured(interaction(customer, time, data)), StandardCharsets.UTF_8);
    }

    private static String agent() {
        return TestTokens.token("agent-desktop", "agent");
    }
}
