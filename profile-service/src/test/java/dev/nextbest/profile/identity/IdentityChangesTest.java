package dev.nextbest.profile.identity;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** identity-changes events, sent on the real topic, and what they do to profiles. */
@QuarkusTest
class IdentityChangesTest extends RealServers {

    private static final String IDENTITY_CHANGES = "identity-changes";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Test
    void aRegisteredProspectHasAProfileBeforeAnyBehaviour() {
        String prospect = newCustomerId();
        identityEvent(prospect, IdentityEvents.CUSTOMER_REGISTERED,
                "{\"id\":\"" + prospect + "\",\"kind\":\"PROSPECT\",\"createdAt\":\"2026-11-20T09:00:00Z\"}");
        await().atMost(PATIENCE).untilAsserted(() -> profile(prospect).statusCode(200)
                .body("kind", equalTo("PROSPECT"))
                .body("traits.frequency.interactions", equalTo(0)));
    }

    @Test
    void aMergeUnitesTheHistoriesOnceAndAnUnmergeSeparatesThem() {
        String survivor = newCustomerId();
        String absorbed = newCustomerId();
        identityEvent(survivor, IdentityEvents.CUSTOMER_REGISTERED, "{\"id\":\"" + survivor + "\",\"kind\":\"PROSPECT\"}");
        identityEvent(absorbed, IdentityEvents.CUSTOMER_REGISTERED, "{\"id\":\"" + absorbed + "\",\"kind\":\"CUSTOMER\"}");
        behaviour(survivor, 5, "{\"channel\":\"web\",\"kind\":\"page-view\"}");
        behaviour(survivor, 4, "{\"channel\":\"web\",\"kind\":\"purchase\",\"attributes\":{\"amount\":10}}");
        behaviour(absorbed, 3, "{\"channel\":\"agent\",\"kind\":\"complaint\"}");
        behaviour(absorbed, 2, "{\"channel\":\"app\",\"kind\":\"purchase\",\"attributes\":{\"amount\":5}}");
        customerEvent(absorbed, "dev.nextbest.customer.holding-changed.v1", "{\"product\":\"tv-sport\",\"status\":\"ACTIVE\"}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            profile(survivor).body("traits.frequency.interactions", equalTo(2));
            profile(absorbed).body("traits.frequency.interactions", equalTo(2)).body("holdings.'tv-sport'.status", equalTo("ACTIVE"));
        });

        String mergeId = UUID.randomUUID().toString();
        String merged = "{\"mergeId\":\"" + mergeId + "\",\"survivorId\":\"" + survivor + "\",\"absorbedId\":\"" + absorbed
                + "\",\"identifierTypes\":[\"email\"]}";
        identityEvent(survivor, IdentityEvents.CUSTOMERS_MERGED, merged);
        identityEvent(survivor, IdentityEvents.CUSTOMERS_MERGED, merged); // delivered twice: applied once

        await("merged").atMost(PATIENCE).untilAsserted(() -> profile(survivor)
                .body("traits.frequency.interactions", equalTo(4))
                .body("traits.monetary.purchases", equalTo(2))
                .body("traits.complaints.count", equalTo(1))
                .body("holdings.'tv-sport'.status", equalTo("ACTIVE"))
                .body("kind", equalTo("CUSTOMER")));
        profile(absorbed).statusCode(404);

        behaviour(absorbed, 1, "{\"channel\":\"app\",\"kind\":\"login\"}"); // a channel still using the old id
        await("a late event under the absorbed id lands on the survivor").atMost(PATIENCE).untilAsserted(() ->
                profile(survivor).body("traits.frequency.interactions", equalTo(5)));

        identityEvent(survivor, IdentityEvents.CUSTOMERS_UNMERGED, merged);
        await("unmerged").atMost(PATIENCE).untilAsserted(() -> {
            profile(survivor).body("traits.frequency.interactions", equalTo(2)).body("traits.complaints.count", equalTo(0))
                    .body("holdings.containsKey('tv-sport')", equalTo(false));
            profile(absorbed).statusCode(200).body("kind", equalTo("CUSTOMER"))
                    .body("traits.frequency.interactions", equalTo(3))
                    .body("latestInteractions", hasSize(3));
        });
    }

    @Test
    void passesOverIdentityEventsThatAreNotAboutProfiles() {
        String customer = newCustomerId();
        identityEvent(customer, "dev.nextbest.identity.identifiers-linked.v1",
                "{\"customerId\":\"" + customer + "\",\"newCustomer\":false,\"types\":[\"email\"]}");
        identityEvent(customer, IdentityEvents.CUSTOMER_REGISTERED, "{\"id\":\"" + customer + "\",\"kind\":\"CUSTOMER\"}");
        await("the events behind it are still applied").atMost(PATIENCE).untilAsserted(() ->
                profile(customer).statusCode(200).body("kind", equalTo("CUSTOMER")));
    }

    @Test
    void deadLettersAMergeOfACustomerIntoItself() {
        String customer = newCustomerId();
        identityEvent(customer, IdentityEvents.CUSTOMERS_MERGED, "{\"mergeId\":\"" + UUID.randomUUID()
                + "\",\"survivorId\":\"" + customer + "\",\"absorbedId\":\"" + customer + "\"}");
        ConsumerRecord<String, byte[]> dead = TestKafka.await("profile-service.identity-changes.dlq",
                record -> customer.equals(record.key()), PATIENCE);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("merges a customer into itself");
    }

    private static void identityEvent(String key, String type, String data) {
        TestKafka.send(IDENTITY_CHANGES, key, structured(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/identity-service"))
                .withType(type)
                .withSubject(key)
                .withTime(NOW)
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build()));
    }

    private static void customerEvent(String customer, String type, String data) {
        TestKafka.send(TOPIC, customer, structured(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/crm")).withType(type)
                .withSubject(customer).withTime(NOW.minusDays(2)).withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8)).build()));
    }

    private static void behaviour(String customer, int daysAgo, String data) {
        TestKafka.send(TOPIC, customer, structured(interaction(customer, NOW.minusDays(daysAgo), data)));
    }

    private static ValidatableResponse profile(String customer) {
        return given().auth().oauth2(TestTokens.token("agent-desktop", "agent"))
                .get("/profile/v1/customers/{id}", customer).then();
    }
}
