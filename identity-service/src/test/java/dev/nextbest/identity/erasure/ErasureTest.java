package dev.nextbest.identity.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * identity-service's part of an erasure and of an access request, against the real PostgreSQL, Redis and broker: the request arrives
 * on privacy-requests as privacy-service sends it. The customer, the prospect id merged into them and every
 * identifier go; afterwards no table, Redis key or value holds either id, and the same email is a stranger.
 */
@QuarkusTest
class ErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    RedisDataSource redis;

    @Test
    void anErasureForgetsThePersonUnderEveryIdAndIsConfirmed() throws Exception {
        String email = "erase." + unique() + "@example.com";
        String login = "login" + unique();
        String prospect = resolve(id("email", email, false)).extract().path("customerId");
        String customer = resolve(id("login_id", login, true), id("customer_number", "CN-" + unique(), true))
                .extract().path("customerId");
        resolve(id("login_id", login, true), id("email", email, true)).body("merged[0].customerId", equalTo(prospect));
        assertThat(tablesMentioning(customer)).contains("customer", "identifier", "customer_merge");
        assertThat(redisMentioning(customer)).as("the caches know them").isNotEmpty();

        UUID requestId = UUID.randomUUID();
        TestKafka.send("privacy-requests", customer, event(JSON.writeValueAsString(
                java.util.Map.of("requestId", requestId.toString(), "customerId", customer))));

        ConsumerRecord<String, byte[]> confirmation = TestKafka.await("privacy-acks", r -> customer.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains(requestId.toString()), PATIENCE);
        assertThat(confirmation).as("confirmed on privacy-acks").isNotNull();
        JsonNode data = JSON.readTree(confirmation.value()).get("data");
        assertThat(data.get("service").asText()).isEqualTo("identity-service");
        assertThat(data.at("/erased/customers").asLong()).as("the customer and the prospect merged into them").isEqualTo(2);
        assertThat(data.at("/erased/identifiers").asLong()).isEqualTo(3);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(tablesMentioning(customer)).as("every table, scanned for the customer id").isEmpty();
            assertThat(tablesMentioning(prospect)).as("and for the merged id").isEmpty();
        });
        assertThat(redisMentioning(customer)).isEmpty();
        assertThat(redisMentioning(prospect)).isEmpty();
        resolve(id("email", email, false)).body("outcome", equalTo("CREATED")).body("customerId", not(equalTo(customer)));
    }

    @Test
    void anAccessRequestIsAnsweredWithEveryIdAndIdentifierOfThePerson() throws Exception {
        String email = "access." + unique() + "@example.com";
        String login = "login" + unique();
        String prospect = resolve(id("email", email, false)).extract().path("customerId");
        String customer = resolve(id("login_id", login, true)).extract().path("customerId");
        resolve(id("login_id", login, true), id("email", email, true)).body("merged[0].customerId", equalTo(prospect));

        UUID requestId = UUID.randomUUID();
        TestKafka.send("privacy-requests", customer, event("dev.nextbest.privacy.access-requested.v1", JSON.writeValueAsString(
                java.util.Map.of("requestId", requestId.toString(), "customerId", customer))));

        ConsumerRecord<String, byte[]> answer = TestKafka.await("privacy-acks", r -> customer.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains(requestId.toString()), PATIENCE);
        assertThat(answer).as("answered on privacy-acks").isNotNull();
        JsonNode data = JSON.readTree(answer.value()).at("/data/data");
        assertThat(data.get("customers").findValuesAsText("id")).containsExactlyInAnyOrder(customer, prospect);
        assertThat(data.get("identifiers").findValuesAsText("type")).containsExactlyInAnyOrder("email", "login_id");
        assertThat(new String(answer.value(), StandardCharsets.UTF_8)).as("never an identifier's value").doesNotContain(email, login);
        assertThat(data.at("/merges/0/absorbed_id").asText()).isEqualTo(prospect);
    }

    @Test
    void aRequestItCannotReadIsDeadLettered() {
        String key = "cus_" + UUID.randomUUID().toString().replace("-", "");
        TestKafka.send("privacy-requests", key, event("{\"customerId\":\"" + key + "\"}"));
        ConsumerRecord<String, byte[]> dead = TestKafka.await("identity-service.privacy-requests.dlq", r -> key.equals(r.key()), PATIENCE);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("requestId");
    }

    private static byte[] event(String data) {
        return event("dev.nextbest.privacy.erasure-requested.v1", data);
    }

    private static byte[] event(String type, String data) {
        return EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/privacy-service"))
                .withType(type).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build());
    }

    private List<String> tablesMentioning(String value) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet tables = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (ResultSet rows = c.createStatement().executeQuery(
                        "SELECT count(*) FROM " + table + " t WHERE position('" + value + "' in t::text) > 0")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        found.add(table);
                    }
                }
            }
        }
        return found;
    }

    /** Keys that name the value, or whose string contents hold it. */
    private List<String> redisMentioning(String value) {
        List<String> found = new ArrayList<>();
        for (String key : redis.key().keys("identity:*")) {
            if (key.contains(value) || ("STRING".equals(redis.key().type(key).name())
                    && String.valueOf(redis.value(String.class).get(key)).contains(value))) {
                found.add(key);
            }
        }
        return found;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(String type, String value, boolean verified) {
        return "{\"type\":\"" + type + "\",\"value\":\"" + value + "\",\"verified\":" + verified + "}";
    }

    private static ValidatableResponse resolve(String... identifiers) {
        return given().auth().oauth2(TestTokens.token("test-client", "agent", "service", "admin")).contentType("application/json")
                .body("{\"identifiers\":[" + String.join(",", identifiers) + "],\"source\":\"/channels/app\"}")
                .post("/identity/v1/resolve").then().log().ifValidationFails().statusCode(200);
    }
}
