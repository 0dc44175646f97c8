package dev.nextbest.nba.features;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.nba.RealServers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.nextbest.nba.Fixtures.cloudEvent;
import static dev.nextbest.nba.Fixtures.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** profile-service's snapshots, through the real broker, into the decision path's features; and out again. */
@QuarkusTest
class ProfileFeaturesTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    RedisDataSource redis;

    @Test
    void keepsTheNewestSnapshotAndForgetsAnErasedCustomer() throws Exception {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        snapshot(customer, now, "gold");
        snapshot(customer, now.minusHours(1), "bronze");   // late, older: ignored
        snapshot(customer, now.plusSeconds(1), "silver");  // same partition: once stored, the ones before it were applied

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored(customer)).contains("\"tier\": \"silver\""));
        assertThat(redis.value(String.class).get(ProfileFeatures.KEY + customer)).contains("\"tier\":\"silver\"");

        TestKafka.send(ProfileUpdated.TOPIC, customer, null);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored(customer)).isNull());
        assertThat(redis.key().exists(ProfileFeatures.KEY + customer)).isFalse();
    }

    @Test
    void deadLettersASnapshotItCannotRead() {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        TestKafka.send(ProfileUpdated.TOPIC, customer, event(customer, "{\"customerId\":\"" + customer + "\"}"));

        ConsumerRecord<String, byte[]> dead = TestKafka.await("nba-service.profile-updates.dlq",
                record -> customer.equals(record.key()), PATIENCE);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("updatedAt");
    }

    private static void snapshot(String customer, OffsetDateTime updatedAt, String tier) {
        TestKafka.send(ProfileUpdated.TOPIC, customer, event(customer, "{\"customerId\":\"" + customer
                + "\",\"kind\":\"CUSTOMER\",\"attributes\":{\"tier\":\"" + tier + "\"},\"updatedAt\":\"" + updatedAt
                + "\",\"computedAt\":\"" + updatedAt + "\"}"));
    }

    private static byte[] event(String customer, String data) {
        return cloudEvent("/profile-service", ProfileUpdated.TYPE, customer, OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    /** The stored snapshot as PostgreSQL prints it, or null. */
    private String stored(String customer) throws Exception {
        return queryOne(jdbcUrl, "select snapshot::text from profile_features where customer_id = ?", customer);
    }
}
