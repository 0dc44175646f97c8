package dev.nextbest.profile.consents;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Consent states from privacy-service, through the real broker, into the profile's read-only summary. */
@QuarkusTest
class ConsentMirrorTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

    @Test
    void mirrorsTheLatestStateAndIgnoresAnOlderOneArrivingLate() {
        String customer = newCustomerId();
        send(customer, NOW.minusHours(1), "{\"marketing\":{\"status\":\"GRANTED\",\"changedAt\":\"2026-01-05T10:00:00Z\"},"
                + "\"profiling\":{\"status\":\"DENIED\",\"changedAt\":\"2026-01-05T10:00:00Z\"}}");
        await().atMost(PATIENCE).untilAsserted(() -> profile(customer)
                .body("consents.marketing.status", equalTo("GRANTED"))
                .body("consents.profiling.status", equalTo("DENIED")));

        send(customer, NOW, "{\"marketing\":{\"status\":\"WITHDRAWN\",\"changedAt\":\"" + NOW + "\"}}");
        send(customer, NOW.minusHours(2), "{\"marketing\":{\"status\":\"GRANTED\",\"changedAt\":\"2025-12-01T10:00:00Z\"}}");
        // The same key keeps its order: once this one shows, the late one before it has been processed.
        send(customer, NOW.plusSeconds(1), "{\"marketing\":{\"status\":\"WITHDRAWN\",\"changedAt\":\"" + NOW
                + "\"},\"email\":{\"status\":\"GRANTED\",\"changedAt\":\"" + NOW + "\"}}");
        await().atMost(PATIENCE).untilAsserted(() -> profile(customer).body("consents.email.status", equalTo("GRANTED")));

        profile(customer)
                .body("consents.marketing.status", equalTo("WITHDRAWN"))
                .body("consents.profiling", nullValue());
        ConsumerRecord<String, byte[]> snapshot = TestKafka.await("profile-updates", record -> customer.equals(record.key())
                && new String(record.value(), StandardCharsets.UTF_8).contains("WITHDRAWN"), PATIENCE);
        assertThat(snapshot).as("a snapshot with the new state").isNotNull();
    }

    @Test
    void deadLettersAStateItCannotRead() {
        String customer = newCustomerId();
        send(customer, NOW, "{\"marketing\":{\"status\":\"MAYBE\",\"changedAt\":\"2026-01-05T10:00:00Z\"}}");
        ConsumerRecord<String, byte[]> dead = TestKafka.await("profile-service.consent-changes.dlq",
                record -> customer.equals(record.key()), PATIENCE);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("status").doesNotContain("MAYBE");
    }

    private static void send(String customer, OffsetDateTime time, String consents) {
        TestKafka.send(ConsentsChanged.TOPIC, customer, structured(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/privacy-service"))
                .withType(ConsentsChanged.TYPE).withSubject(customer).withTime(time)
                .withDataContentType("application/json")
                .withData(("{\"customerId\":\"" + customer + "\",\"consents\":" + consents + "}").getBytes(StandardCharsets.UTF_8))
                .build()));
    }

    private static io.restassured.response.ValidatableResponse profile(String customer) {
        return given().auth().oauth2(TestTokens.token("agent-desktop", "agent"))
                .get("/profile/v1/customers/{id}", customer).then();
    }
}
