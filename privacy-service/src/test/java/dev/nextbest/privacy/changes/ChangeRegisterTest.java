package dev.nextbest.privacy.changes;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Catalogue events arrive through the real broker, as nba-service publishes them. */
@QuarkusTest
class ChangeRegisterTest {

    private static final String TOPIC = "catalog-changes";
    private static final String DEAD_LETTERS = "privacy-service.catalog-changes.dlq";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void registersANewActionOnce() {
        String actionId = UUID.randomUUID().toString();
        CloudEvent created = actionCreated(actionId, "retention-offer");

        TestKafka.send(TOPIC, actionId, structured(created));
        TestKafka.send(TOPIC, actionId, structured(created));
        String marker = UUID.randomUUID().toString();
        TestKafka.send(TOPIC, marker, structured(actionCreated(marker, "marker")));

        awaitRegistered(marker);
        List<String> registered = given().auth().oauth2(token()).queryParam("limit", 500).get("/privacy/v1/changes").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.subjectId == '" + actionId + "' }.id");
        assertThat(registered).hasSize(1);
        given().auth().oauth2(token()).get("/privacy/v1/changes/{id}", registered.get(0)).then()
                .statusCode(200)
                .body("subjectKind", equalTo("action"))
                .body("subjectKey", equalTo("retention-offer"))
                .body("status", equalTo("RECORDED"))
                .body("subjectVersion", equalTo(1))
                .body("eventType", equalTo(ActionChanged.ACTION_CREATED))
                .body("snapshot.name", equalTo("Retention offer"))
                .body("snapshot.futureField", equalTo("kept as sent"));
    }

    @Test
    void deadLettersAnEventOfATypeItDoesNotKnow() {
        String actionId = UUID.randomUUID().toString();
        CloudEvent unknown = CloudEventBuilder.v1(actionCreated(actionId, "x"))
                .withType("dev.nextbest.nba.catalog.action-exploded.v1").build();

        TestKafka.send(TOPIC, actionId, structured(unknown));

        ConsumerRecord<String, byte[]> dead = TestKafka.await(DEAD_LETTERS, r -> actionId.equals(r.key()), WAIT);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("action-exploded", "does not handle");
    }

    @Test
    void deadLettersAnEventWithoutTheActionIdAndKeepsConsuming() {
        String key = UUID.randomUUID().toString();
        CloudEvent noId = CloudEventBuilder.v1(actionCreated(key, "x"))
                .withData("application/json", "{\"key\":\"no-id\"}".getBytes(StandardCharsets.UTF_8)).build();
        TestKafka.send(TOPIC, key, structured(noId));
        String next = UUID.randomUUID().toString();
        TestKafka.send(TOPIC, next, structured(actionCreated(next, "after-the-poison")));

        ConsumerRecord<String, byte[]> dead = TestKafka.await(DEAD_LETTERS, r -> key.equals(r.key()), WAIT);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("invalid data", "id must not be null");
        awaitRegistered(next);
    }

    @Test
    void refusesBadParametersWithProblemJson() {
        given().auth().oauth2(token()).get("/privacy/v1/changes/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.message", hasItem("must be a UUID"));
        given().auth().oauth2(token()).get("/privacy/v1/changes/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token()).queryParam("status", "DONE").get("/privacy/v1/changes").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("status must be one of RECORDED, PENDING_ASSESSMENT, ASSESSED"));
        given().auth().oauth2(token()).queryParam("limit", "1000").get("/privacy/v1/changes").then()
                .statusCode(400).contentType("application/problem+json");
    }

    private static void awaitRegistered(String actionId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(token()).queryParam("limit", 500).get("/privacy/v1/changes").then().extract()
                        .jsonPath().getList("subjectId").contains(actionId));
    }

    private static CloudEvent actionCreated(String actionId, String key) {
        String data = """
                {"id":"%s","key":"%s","name":"Retention offer","issue":"retention","group":"discounts",
                 "status":"DRAFT","version":1,"futureField":"kept as sent"}""".formatted(actionId, key);
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/nba-service"))
                .withType(ActionChanged.ACTION_CREATED)
                .withSubject(actionId)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static byte[] structured(CloudEvent event) {
        return EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event);
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "privacy-officer");
    }
}
