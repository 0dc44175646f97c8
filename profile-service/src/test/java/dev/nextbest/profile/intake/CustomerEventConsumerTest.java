package dev.nextbest.profile.intake;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.nextbest.profile.interactions.CustomerEvents.DEAD_LETTERS;
import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Events travel through the real broker into the real database; nothing is called directly. */
@QuarkusTest
class CustomerEventConsumerTest {

    private static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 11, 16, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void recordsAnInteractionFromACustomerEvent() {
        String customer = newCustomerId();
        CloudEvent event = interaction(customer, MONDAY,
                "{\"channel\":\"web\",\"kind\":\"page-view\",\"attributes\":{\"page\":\"/broadband\"}}");

        TestKafka.send(TOPIC, customer, structured(event));

        awaitInteractions(customer, 1)
                .body("interactions[0].eventId", equalTo(event.getId()))
                .body("interactions[0].channel", equalTo("web"))
                .body("interactions[0].kind", equalTo("page-view"))
                .body("interactions[0].occurredAt", equalTo("2026-11-16T09:00:00Z"))
                .body("interactions[0].attributes.page", equalTo("/broadband"));
    }

    @Test
    void recordsARedeliveredEventOnce() {
        String customer = newCustomerId();
        CloudEvent event = interaction(customer, MONDAY, "{\"channel\":\"ivr\",\"kind\":\"call\"}");
        CloudEvent marker = interaction(customer, MONDAY.minusDays(1), "{\"channel\":\"app\",\"kind\":\"login\"}");

        TestKafka.send(TOPIC, customer, structured(event));
        TestKafka.send(TOPIC, customer, structured(event));
        TestKafka.send(TOPIC, customer, structured(marker));

        // The marker comes after both copies on the customer's partition: once it is in, both were processed.
        awaitInteractions(customer, 2).body("interactions.kind", contains("call", "login"));
    }

    @Test
    void ordersByWhenThingsHappenedNotWhenTheyArrived() {
        String customer = newCustomerId();
        TestKafka.send(TOPIC, customer, structured(interaction(customer, MONDAY.plusHours(2), "{\"channel\":\"app\",\"kind\":\"purchase\"}")));
        TestKafka.send(TOPIC, customer, structured(interaction(customer, MONDAY, "{\"channel\":\"web\",\"kind\":\"search\"}")));
        TestKafka.send(TOPIC, customer, structured(interaction(customer, MONDAY.plusHours(1), "{\"channel\":\"agent\",\"kind\":\"call\"}")));

        awaitInteractions(customer, 3).body("interactions.kind", contains("purchase", "call", "search"));
    }

    @Test
    void toleratesUnknownFieldsAndExtensions() {
        String customer = newCustomerId();
        CloudEvent event = CloudEventBuilder.v1(interaction(customer, MONDAY,
                        "{\"channel\":\"email\",\"kind\":\"open\",\"campaignVersion\":7,\"future\":{\"x\":1}}"))
                .withExtension("tenant", "acme")
                .build();

        TestKafka.send(TOPIC, customer, structured(event));

        awaitInteractions(customer, 1).body("interactions[0].kind", equalTo("open"));
    }

    @Test
    void deadLettersAMessageThatIsNotACloudEventAndKeepsConsuming() {
        String customer = newCustomerId();
        TestKafka.send(TOPIC, customer, "this is not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.send(TOPIC, customer, structured(interaction(customer, MONDAY, "{\"channel\":\"sms\",\"kind\":\"reply\"}")));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(customer);
        assertThat(TestKafka.header(dead, "dead-letter-reason")).startsWith("not a CloudEvent in structured JSON");
        assertThat(TestKafka.header(dead, "dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        dead.headers().forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                .as("header %s repeats no input", header.key()).doesNotContain("this is not json"));
        awaitInteractions(customer, 1).body("interactions[0].kind", equalTo("reply"));
    }

    @Test
    void deadLettersInvalidDataWithAReasonThatNamesTheFieldButNotItsValue() {
        String customer = newCustomerId();
        TestKafka.send(TOPIC, customer, structured(interaction(customer, MONDAY,
                "{\"channel\":\"fax\",\"kind\":\"page-view\"}")));

        String reason = TestKafka.header(awaitDeadLetter(customer), "dead-letter-reason");
        assertThat(reason).contains("field 'channel'").doesNotContain("fax");
    }

    @Test
    void deadLettersAnEventWhoseKeyIsNotItsCustomer() {
        String customer = newCustomerId();
        TestKafka.send(TOPIC, newCustomerId(), structured(interaction(customer, MONDAY,
                "{\"channel\":\"web\",\"kind\":\"page-view\"}")));

        ConsumerRecord<String, byte[]> dead = TestKafka.await(DEAD_LETTERS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(customer), WAIT);
        assertThat(dead).as("dead letter for " + customer).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("key that differs from its subject");
    }

    @Test
    void deadLettersAnEventWithARawIdentifierAsSubject() {
        String email = "jane.doe@example.com";
        TestKafka.send(TOPIC, null, structured(interaction(email, MONDAY, "{\"channel\":\"web\",\"kind\":\"page-view\"}")),
                Map.of());

        ConsumerRecord<String, byte[]> dead = TestKafka.await(DEAD_LETTERS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(email), WAIT);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("pseudonymous customer id").doesNotContain(email);
    }

    @Test
    void deadLettersOnlyTheEventWhoseDataTheDatabaseRefusesAndKeepsTheRestOfThePoll() {
        String refused = newCustomerId();
        String fine = newCustomerId();
        // PostgreSQL's jsonb cannot hold the NUL character; the checks before the database let it through.
        TestKafka.send(TOPIC, refused, structured(interaction(refused, MONDAY,
                "{\"channel\":\"web\",\"kind\":\"search\",\"attributes\":{\"query\":\"tv\\u0000\"}}")));
        TestKafka.send(TOPIC, fine, structured(interaction(fine, MONDAY, "{\"channel\":\"web\",\"kind\":\"search\"}")));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(refused);
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("rejected by the database: SQLSTATE 22");
        awaitInteractions(fine, 1).body("interactions[0].kind", equalTo("search"));
        given().auth().oauth2(token()).get("/profile/v1/customers/{id}/interactions", refused).then()
                .statusCode(200).body("interactions", hasSize(0));
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String customer) {
        ConsumerRecord<String, byte[]> dead = TestKafka.await(DEAD_LETTERS, r -> customer.equals(r.key()), WAIT);
        assertThat(dead).as("dead letter for " + customer).isNotNull();
        return dead;
    }

    private static ValidatableResponse awaitInteractions(String customer, int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(token()).get("/profile/v1/customers/{id}/interactions", customer)
                        .then().extract().path("interactions.size()").equals(count));
        return given().auth().oauth2(token()).get("/profile/v1/customers/{id}/interactions", customer).then()
                .statusCode(200).body("interactions", hasSize(count));
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent");
    }
}
