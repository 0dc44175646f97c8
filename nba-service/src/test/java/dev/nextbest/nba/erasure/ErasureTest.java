package dev.nextbest.nba.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.nba.RealServers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * nba-service's part of an erasure and of an access request, against the real PostgreSQL, Redis and broker: the request arrives on
 * privacy-requests as privacy-service sends it; afterwards no table and no Redis key or value holds the
 * customer id, and the confirmation on privacy-acks says what went.
 */
@QuarkusTest
class ErasureTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void deterministicSettings() {
        apply(settings());
    }

    @Test
    void anErasureLeavesNoTraceOfTheCustomerInPostgresqlOrRedisAndIsConfirmed() throws Exception {
        String placement = newPlacement();
        String offer = key("fibre");
        live(offer, definition("Fibre", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of("attributes", Map.of("tier", "gold")));
        consenting(customer);
        String decisionId = decision(customer, placement, Map.of(), false).getString("decisionId");
        respond(customer, offer, "IMPRESSION", decisionId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tablesMentioning(customer)).as("what there is to erase")
                .contains("decision", "response", "profile_features", "customer_consents"));
        assertThat(redisMentioning(customer)).isNotEmpty();

        UUID requestId = UUID.randomUUID();
        TestKafka.send(ErasureRequested.TOPIC, customer, cloudEvent("/privacy-service", ErasureRequested.TYPE, customer,
                OffsetDateTime.now(ZoneOffset.UTC), JSON.writeValueAsString(Map.of("requestId", requestId, "customerId", customer))));

        ConsumerRecord<String, byte[]> confirmation = TestKafka.await(ErasureCompleted.TOPIC, record -> customer.equals(record.key())
                && new String(record.value()).contains(requestId.toString()), PATIENCE);
        assertThat(confirmation).as("confirmed on privacy-acks").isNotNull();
        JsonNode data = JSON.readTree(confirmation.value()).get("data");
        assertThat(data.get("service").asText()).isEqualTo("nba-service");
        assertThat(data.at("/erased/decisions").asLong()).isEqualTo(1);
        assertThat(data.at("/erased/responses").asLong()).isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tablesMentioning(customer))
                .as("every table of nba-service, scanned for the customer id (the sent confirmation included)").isEmpty());
        assertThat(redisMentioning(customer)).as("every Redis key and value, scanned for the customer id").isEmpty();
    }

    @Test
    void aDecisionMadeJustBeforeTheErasureIsErasedToo() throws Exception {
        String placement = newPlacement();
        live(key("fibre"), definition("Fibre", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of("attributes", Map.of("tier", "gold")));
        consenting(customer);
        decision(customer, placement, Map.of(), false);

        // At once: the decision may still be on its way to PostgreSQL.
        UUID requestId = UUID.randomUUID();
        TestKafka.send(ErasureRequested.TOPIC, customer, cloudEvent("/privacy-service", ErasureRequested.TYPE, customer,
                OffsetDateTime.now(ZoneOffset.UTC), JSON.writeValueAsString(Map.of("requestId", requestId, "customerId", customer))));
        ConsumerRecord<String, byte[]> confirmation = TestKafka.await(ErasureCompleted.TOPIC, record -> customer.equals(record.key())
                && new String(record.value()).contains(requestId.toString()), PATIENCE);

        assertThat(JSON.readTree(confirmation.value()).at("/data/erased/decisions").asLong()).isEqualTo(1);
        Thread.sleep(1_000); // several decision-log intervals: nothing is stored after the erasure
        assertThat(tablesMentioning(customer)).doesNotContain("decision");
    }

    @Test
    void anAccessRequestIsAnsweredWithEverythingHeldAboutTheCustomer() throws Exception {
        String placement = newPlacement();
        String offer = key("fibre");
        live(offer, definition("Fibre", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of("attributes", Map.of("tier", "silver")));
        consenting(customer);
        String decisionId = decision(customer, placement, Map.of("intent", "upgrade"), false).getString("decisionId");
        respond(customer, offer, "IMPRESSION", decisionId);
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(agent()).get("/nba/v1/decisions/" + decisionId)
                .statusCode() == 200);

        UUID requestId = UUID.randomUUID();
        TestKafka.send(ErasureRequested.TOPIC, customer, cloudEvent("/privacy-service", "dev.nextbest.privacy.access-requested.v1",
                customer, OffsetDateTime.now(ZoneOffset.UTC), JSON.writeValueAsString(Map.of("requestId", requestId, "customerId", customer))));

        ConsumerRecord<String, byte[]> answer = TestKafka.await(ErasureCompleted.TOPIC, record -> customer.equals(record.key())
                && new String(record.value()).contains(requestId.toString()), PATIENCE);
        assertThat(answer).as("answered on privacy-acks").isNotNull();
        JsonNode data = JSON.readTree(answer.value()).at("/data/data");
        assertThat(data.at("/profileFeatures/attributes/tier").asText()).isEqualTo("silver");
        assertThat(data.at("/consents/consents/marketing/status").asText()).isEqualTo("GRANTED");
        assertThat(data.at("/decisions/0/decisionId").asText()).isEqualTo(decisionId);
        assertThat(data.at("/decisions/0/actions/0/actionKey").asText()).isEqualTo(offer);
        assertThat(data.at("/decisions/0/context/intent").asText()).isEqualTo("upgrade");
        assertThat(data.at("/responses/0/type").asText()).isEqualTo("IMPRESSION");
        assertThat(data.get("contactHistory").size()).as("the contact history hash").isPositive();
    }

    @Test
    void aRequestItCannotReadIsDeadLettered() {
        String customer = newCustomer();
        TestKafka.send(ErasureRequested.TOPIC, customer, cloudEvent("/privacy-service", ErasureRequested.TYPE, customer,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"customerId\":\"" + customer + "\"}"));
        ConsumerRecord<String, byte[]> dead = TestKafka.await("nba-service.privacy-requests.dlq", r -> customer.equals(r.key()), PATIENCE);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("requestId");
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

    /** Keys that name the value, or whose string or hash contents hold it. */
    private List<String> redisMentioning(String value) {
        List<String> found = new ArrayList<>();
        for (String key : redis.key().keys("*")) {
            String type = redis.key().type(key).name();
            boolean holds = key.contains(value)
                    || ("STRING".equals(type) && String.valueOf(redis.value(String.class).get(key)).contains(value))
                    || ("HASH".equals(type) && redis.hash(String.class).hgetall(key).toString().contains(value));
            if (holds) {
                found.add(key);
            }
        }
        return found;
    }
}
