package dev.nextbest.profile.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.profile.RealServers;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Profile changes reach the compacted profile-updates topic as versioned snapshots, keyed by customer. */
@QuarkusTest
class ProfileUpdatesTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTopicIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, ProfileUpdate.TOPIC);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.describeConfigs(List.of(topic)).all().get()
                    .get(topic).get("cleanup.policy").value()).isEqualTo("compact"));
        }
    }

    @Test
    void eachChangePublishesTheProfilesFeatureView() throws Exception {
        String customer = newCustomerId();
        TestKafka.send(TOPIC, customer, structured(interaction(customer, NOW.minusDays(3),
                "{\"channel\":\"web\",\"kind\":\"purchase\",\"attributes\":{\"amount\":120}}")));
        TestKafka.send(TOPIC, customer, structured(interaction(customer, NOW.minusDays(1),
                "{\"channel\":\"agent\",\"kind\":\"complaint\"}")));
        TestKafka.send(TOPIC, customer, structured(CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/decision-engine")).withType("dev.nextbest.customer.scores-predicted.v1")
                .withSubject(customer).withTime(NOW.minusHours(1)).withDataContentType("application/json")
                .withData("{\"model\":\"churn\",\"modelVersion\":\"7\",\"scores\":{\"churnRisk\":0.2}}"
                        .getBytes(StandardCharsets.UTF_8))
                .build()));

        JsonNode latest = await().atMost(PATIENCE).until(() -> latestSnapshot(customer),
                snapshot -> snapshot != null && snapshot.at("/data/traits/frequency/interactions").asInt() == 2
                        && snapshot.at("/data/predictions/churnRisk/value").asDouble() == 0.2);

        assertThat(latest.get("type").asText()).isEqualTo(ProfileUpdate.TYPE);
        assertThat(latest.get("subject").asText()).isEqualTo(customer);
        JsonNode data = latest.get("data");
        assertThat(data.get("customerId").asText()).isEqualTo(customer);
        assertThat(data.at("/traits/monetary/value").decimalValue()).isEqualByComparingTo("120");
        assertThat(data.at("/traits/complaints/daysSinceLast").asLong()).isEqualTo(1);
        assertThat(data.at("/traits/channelMix/agent").asDouble()).isEqualTo(0.5);
        assertThat(data.at("/predictions/churnRisk/modelVersion").asText()).isEqualTo("7");
        assertThat(data.at("/lifetimeValue/retention").asDouble()).isEqualTo(0.8);
        assertThat(data.at("/lifetimeValue/retentionSource").asText()).contains("churnRisk");
        assertThat(data.has("updatedAt")).isTrue();
        assertThat(data.has("computedAt")).isTrue();
    }

    /** The last snapshot of the customer on the topic so far, as a CloudEvent in JSON, or null. */
    private JsonNode latestSnapshot(String customer) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = TestKafka.readAll(ProfileUpdate.TOPIC, Duration.ofMillis(500))
                .stream().filter(record -> customer.equals(record.key())).toList();
        return records.isEmpty() ? null : json.readTree(records.get(records.size() - 1).value());
    }
}
