package dev.nextbest.nba.catalog;

import dev.nextbest.local.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** privacy-assessments drives the lifecycle: nothing but an approving assessment makes a version live. */
@QuarkusTest
class PrivacyAssessmentConsumerTest {

    @Test
    void aSubmittedVersionWaitsForItsAssessmentAndNoOfficerEndpointBypassesIt() {
        String key = key("fibre-offer");
        String id = submitted(key);
        given().auth().oauth2(officer()).contentType("application/json").body("{\"version\":1}")
                .post(ACTIONS + "/" + id + "/approve").then().statusCode(404);
        assessed(id, key, 1, "PENDING_REVIEW", null);
        assessed(id, key, 1, "APPROVED", null);
        awaitStatus(id, 1, "ACTIVE");
        given().auth().oauth2(marketer()).get(ACTIONS + "/" + id).then().statusCode(200)
                .body("liveVersion", equalTo(1))
                .body("note", containsString("approved by privacy assessment"))
                .body("note", containsString("automatically"));
    }

    @Test
    void aRejectedVersionGoesBackToDraftWithTheFindingsAsItsNote() {
        String key = key("health-offer");
        String id = submitted(key);
        assessed(id, key, 1, "REJECTED", null);
        awaitStatus(id, 1, "DRAFT");
        given().auth().oauth2(marketer()).get(ACTIONS + "/" + id).then().statusCode(200)
                .body("liveVersion", equalTo(null))
                .body("note", containsString("violates rule no-health-data-for-marketing"));
    }

    @Test
    void anAssessmentOfAnUnknownActionIsDeadLetteredWithTheReason() {
        String unknown = java.util.UUID.randomUUID().toString();
        assessed(unknown, "nobody", 1, "APPROVED", null);
        ConsumerRecord<String, byte[]> dead = TestKafka.await("nba-service.privacy-assessments.dlq",
                record -> unknown.equals(record.key()), Duration.ofSeconds(60));
        assertThat(dead).as("dead-lettered").isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("no action with id " + unknown);
    }

    private static String submitted(String key) {
        Map<String, Object> definition = definition("Offer " + key, newPlacement());
        String id = given().auth().oauth2(marketer()).contentType("application/json")
                .body(json(Map.of("key", key, "definition", definition)))
                .post(ACTIONS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(marketer()).contentType("application/json").body("{\"version\":1}")
                .post(ACTIONS + "/" + id + "/submit").then().statusCode(200).body("status", equalTo("PENDING_ASSESSMENT"));
        return id;
    }
}
