package dev.nextbest.profile.erasure;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ErasureTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    RedisDataSource redis;

    @Test
    void anErasureLeavesNothingAboutTheCustomerAndIsAcknowledgedWithCounts() throws Exception {
        String customer = newCustomerId();
        String bystander = newCustomerId();
        send(customer, interaction(customer, NOW.minusDays(2), "{\"channel\":\"web\",\"kind\":\"page-view\"}"));
        send(customer, interaction(customer, NOW.minusDays(1), "{\"channel\":\"agent\",\"kind\":\"complaint\"}"));
        send(customer, event(customer, "dev.nextbest.customer.attributes-changed.v1", "{\"attributes\":{\"tier\":\"gold\"}}"));
        send(bystander, interaction(bystander, NOW.minusDays(1), "{\"channel\":\"web\",\"kind\":\"page-view\"}"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            profile(customer).statusCode(200).body("traits.frequency.interactions", equalTo(2))
                    .body("attributes.tier", equalTo("gold"));
            profile(bystander).statusCode(200);
        });
        assertThat(redis.key().exists("profile:view:" + customer)).isTrue();

        UUID requestId = UUID.randomUUID();
        TestKafka.send("privacy-requests", customer, structured(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/privacy-service"))
                .withType(ErasureRequested.TYPE).withSubject(customer).withTime(NOW)
                .withDataContentType("application/json")
                .withData(("{\"requestId\":\"" + requestId + "\",\"customerId\":\"" + customer + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .build()));

        ConsumerRecord<String, byte[]> ack = TestKafka.await(ErasureCompleted.TOPIC,
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(requestId.toString()), PATIENCE);
        assertThat(ack).as("an acknowledgement on privacy-acks").isNotNull();
        assertThat(new String(ack.value(), StandardCharsets.UTF_8))
                .contains(ErasureCompleted.TYPE, "\"service\":\"profile-service\"",
                        "\"interactions\":2", "\"appliedEvents\":1", "\"profiles\":1");

        List<ConsumerRecord<String, byte[]>> snapshots = TestKafka.readAll("profile-updates", Duration.ofSeconds(2))
                .stream().filter(record -> customer.equals(record.key())).toList();
        assertThat(snapshots).as("the customer's records on profile-updates").hasSizeGreaterThan(1);
        assertThat(snapshots.get(0).value()).as("a snapshot").isNotNull();
        assertThat(snapshots.get(snapshots.size() - 1).value()).as("the last: a tombstone").isNull();

        profile(customer).statusCode(404);
        given().auth().oauth2(agent()).get("/profile/v1/customers/{id}/interactions", customer).then()
                .statusCode(200).body("interactions", empty());
        assertThat(redis.key().exists("profile:view:" + customer)).as("the cached view").isFalse();
        assertThat(redis.key().exists("profile:generation:" + customer)).as("its generation counter").isFalse();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String table : tables()) {
                assertThat(rowsMentioning(table, customer)).as("rows of %s that mention the customer", table).isZero();
            }
        });
        profile(bystander).statusCode(200).body("traits.frequency.interactions", equalTo(1));
    }

    @Test
    void anAccessRequestIsAnsweredWithTheProfileAndEveryInteraction() throws Exception {
        String customer = newCustomerId();
        send(customer, interaction(customer, NOW.minusDays(3), "{\"channel\":\"web\",\"kind\":\"page-view\"}"));
        send(customer, interaction(customer, NOW.minusDays(2), "{\"channel\":\"app\",\"kind\":\"login\"}"));
        send(customer, event(customer, "dev.nextbest.customer.attributes-changed.v1", "{\"attributes\":{\"tier\":\"silver\"}}"));
        await().atMost(PATIENCE).untilAsserted(() -> profile(customer).statusCode(200)
                .body("traits.frequency.interactions", equalTo(2)).body("attributes.tier", equalTo("silver")));

        UUID requestId = UUID.randomUUID();
        TestKafka.send("privacy-requests", customer, structured(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/privacy-service"))
                .withType("dev.nextbest.privacy.access-requested.v1").withSubject(customer).withTime(NOW)
                .withDataContentType("application/json")
                .withData(("{\"requestId\":\"" + requestId + "\",\"customerId\":\"" + customer + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .build()));

        ConsumerRecord<String, byte[]> answer = TestKafka.await(ErasureCompleted.TOPIC,
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(requestId.toString()), PATIENCE);
        assertThat(answer).as("an answer on privacy-acks").isNotNull();
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.value()).get("data");
        assertThat(data.get("service").asText()).isEqualTo("profile-service");
        assertThat(data.at("/data/profile/attributes/tier").asText()).isEqualTo("silver");
        assertThat(data.at("/data/interactions").size()).isEqualTo(2);
        assertThat(data.at("/data/interactions/0/kind").asText()).as("oldest first").isEqualTo("page-view");
    }

    /** Rows of the table whose any column, as text, holds the value: a scan that no column can hide from. */
    private long rowsMentioning(String table, String value) throws Exception {
        String where = "outbox_event".equals(table)
                ? "position(convert_to(?, 'UTF8') in coalesce(t.payload, ''::bytea)) > 0 or t.record_key = ?"
                : "position(? in t::text) > 0";
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement s = c.prepareStatement("select count(*) from " + table + " t where " + where)) {
            s.setString(1, value);
            if ("outbox_event".equals(table)) {
                s.setString(2, value);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Every table of this service's database. */
    private List<String> tables() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet rows = c.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static io.cloudevents.CloudEvent event(String customer, String type, String data) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/crm"))
                .withType(type).withSubject(customer).withTime(NOW.minusDays(1)).withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static void send(String customer, io.cloudevents.CloudEvent event) {
        TestKafka.send(TOPIC, customer, structured(event));
    }

    private static io.restassured.response.ValidatableResponse profile(String customer) {
        return given().auth().oauth2(agent()).get("/profile/v1/customers/{id}", customer).then();
    }

    private static String agent() {
        return TestTokens.token("agent-desktop", "agent");
    }
}
