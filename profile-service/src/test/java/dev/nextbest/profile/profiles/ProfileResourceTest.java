package dev.nextbest.profile.profiles;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import dev.nextbest.profile.events.AttributesChanged;
import dev.nextbest.profile.events.HoldingChanged;
import dev.nextbest.profile.events.ScoresPredicted;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ProfileResourceTest extends RealServers {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Inject
    RedisDataSource redis;

    @Test
    void buildsTheProfileFromEventsInAnyOrderAndCountsEachOnce() {
        String customer = newCustomerId();
        CloudEvent purchase = interaction(customer, NOW.minusDays(10),
                "{\"channel\":\"web\",\"kind\":\"purchase\",\"attributes\":{\"amount\":120.5}}");
        send(customer, interaction(customer, NOW.minusDays(1), "{\"channel\":\"agent\",\"kind\":\"complaint\"}"));
        send(customer, purchase);
        send(customer, purchase);
        send(customer, interaction(customer, NOW.minusDays(3), "{\"channel\":\"ivr\",\"kind\":\"call\"}"));

        await("three distinct events applied").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(agent(), customer).statusCode(200).body("traits.frequency.interactions", equalTo(3)));
        get(agent(), customer)
                .body("customerId", equalTo(customer))
                .body("traits.recency.daysSinceLastSeen", equalTo(1))
                .body("traits.monetary.purchases", equalTo(1))
                .body("traits.monetary.value", equalTo(120.5f))
                .body("traits.repeatContacts7d.count", equalTo(2))
                .body("traits.complaints.daysSinceLast", equalTo(1))
                .body("latestInteractions", hasSize(3))
                .body("latestInteractions[0].kind", equalTo("complaint"));
    }

    @Test
    void servesFromTheCacheAndEvictsOnChange() {
        String customer = newCustomerId();
        send(customer, interaction(customer, NOW.minusHours(2), "{\"channel\":\"web\",\"kind\":\"page-view\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(agent(), customer).statusCode(200));
        assertThat(redis.key().exists("profile:view:" + customer)).as("cached after the first read").isTrue();

        send(customer, interaction(customer, NOW.minusHours(1), "{\"channel\":\"app\",\"kind\":\"login\"}"));
        await("the change evicts the cached view").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(agent(), customer).body("traits.frequency.interactions", equalTo(2)));
    }

    @Test
    void attributesAndHoldingsKeepTheirLatestChangeWhateverTheOrderOfArrival() {
        String customer = newCustomerId();
        send(customer, change(customer, AttributesChanged.TYPE, NOW.minusDays(2), "{\"attributes\":{\"tier\":\"gold\",\"city\":\"Leeds\"}}"));
        send(customer, change(customer, AttributesChanged.TYPE, NOW.minusDays(3), "{\"attributes\":{\"tier\":\"silver\"}}"));
        send(customer, change(customer, AttributesChanged.TYPE, NOW.minusDays(1), "{\"attributes\":{\"city\":null,\"optIn\":true}}"));
        send(customer, change(customer, HoldingChanged.TYPE, NOW.minusDays(2),
                "{\"product\":\"broadband-500\",\"status\":\"ACTIVE\",\"since\":\"2025-03-01\"}"));
        send(customer, change(customer, HoldingChanged.TYPE, NOW.minusDays(5),
                "{\"product\":\"broadband-500\",\"status\":\"CLOSED\",\"until\":\"2025-01-31\"}"));
        send(customer, change(customer, HoldingChanged.TYPE, NOW.minusDays(1),
                "{\"product\":\"mobile-sim-only\",\"status\":\"ACTIVE\"}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(agent(), customer).statusCode(200)
                .body("attributes.tier", equalTo("gold"))
                .body("attributes.optIn", equalTo(true))
                .body("attributes.containsKey('city')", equalTo(false))
                .body("holdings.'broadband-500'.status", equalTo("ACTIVE"))
                .body("holdings.'broadband-500'.since", equalTo("2025-03-01"))
                .body("holdings.'mobile-sim-only'.status", equalTo("ACTIVE"))
                .body("traits.frequency.interactions", equalTo(0)));
    }

    @Test
    void keepsTheLatestPredictedScoresWithTheirModelAndUsesChurnRiskForLifetimeValue() {
        String customer = newCustomerId();
        send(customer, interaction(customer, NOW.minusDays(60), "{\"channel\":\"web\",\"kind\":\"purchase\",\"attributes\":{\"amount\":500}}"));
        send(customer, change(customer, ScoresPredicted.TYPE, NOW.minusHours(1),
                "{\"scores\":{\"churnRisk\":0.4,\"predictedNps\":6.5},\"model\":\"churn-gbt\",\"modelVersion\":\"3\"}"));
        send(customer, change(customer, ScoresPredicted.TYPE, NOW.minusDays(2),
                "{\"scores\":{\"churnRisk\":0.9},\"model\":\"churn-gbt\",\"modelVersion\":\"2\"}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(agent(), customer).statusCode(200)
                .body("predictions.churnRisk.value", equalTo(0.4f))
                .body("predictions.churnRisk.modelVersion", equalTo("3"))
                .body("predictions.predictedNps.value", equalTo(6.5f))
                .body("lifetimeValue.retention", equalTo(0.6f))
                .body("lifetimeValue.retentionSource", equalTo("churnRisk (churn-gbt 3)"))
                .body("lifetimeValue.discountRate", equalTo(0.1f)));
    }

    @Inject
    ProfileCache cache;

    @Test
    void aViewReadBeforeAChangeIsNeverServedAfterIt() {
        String customer = newCustomerId();
        ProfileCache.Lookup before = cache.get(customer).await().atMost(Duration.ofSeconds(5));
        ProfileSnapshot stale = new ProfileSnapshot(customer, "PROSPECT", java.util.Map.of(), java.util.Map.of(),
                java.util.List.of(), new dev.nextbest.profile.traits.Traits(), java.util.Map.of(), java.util.Map.of(), null, java.util.List.of(),
                java.time.Instant.now());

        cache.changed(customer).await().atMost(Duration.ofSeconds(5));
        cache.put(stale, before.generation()).await().atMost(Duration.ofSeconds(5));
        assertThat(cache.get(customer).await().atMost(Duration.ofSeconds(5)).hit())
                .as("a view read at the old generation, cached after the change").isEmpty();

        ProfileCache.Lookup now = cache.get(customer).await().atMost(Duration.ofSeconds(5));
        cache.put(stale, now.generation()).await().atMost(Duration.ofSeconds(5));
        assertThat(cache.get(customer).await().atMost(Duration.ofSeconds(5)).hit()).isPresent();
    }

    @Test
    void anUnknownCustomerHasNoProfile() {
        get(agent(), newCustomerId()).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aChannelAppSeesItsOwnCustomersProfileOnly() {
        String own = newCustomerId();
        send(own, interaction(own, NOW.minusHours(1), "{\"channel\":\"app\",\"kind\":\"login\"}"));
        String token = TestTokens.customerToken("mobile-app", own);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, own).statusCode(200));
        get(token, newCustomerId()).statusCode(403).contentType("application/problem+json");
    }

    private static CloudEvent change(String customer, String type, OffsetDateTime time, String data) {
        return CloudEventBuilder.v1().withId(java.util.UUID.randomUUID().toString())
                .withSource(java.net.URI.create("/crm")).withType(type).withSubject(customer).withTime(time)
                .withDataContentType("application/json").withData(data.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build();
    }

    private static void send(String customer, CloudEvent event) {
        TestKafka.send(TOPIC, customer, structured(event));
    }

    private static io.restassured.response.ValidatableResponse get(String token, String customer) {
        return given().auth().oauth2(token).get("/profile/v1/customers/{id}", customer).then();
    }

    private static String agent() {
        return TestTokens.token("agent-desktop", "agent");
    }
}
