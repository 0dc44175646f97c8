package dev.nextbest.nba.consent;

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

import static dev.nextbest.nba.Fixtures.cloudEvent;
import static dev.nextbest.nba.Fixtures.newCustomer;
import static dev.nextbest.nba.Fixtures.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consent view kept from consent-changes, against the real broker, PostgreSQL and Redis. */
@QuarkusTest
class CustomerConsentsTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    RedisDataSource redis;

    @Test
    void keepsTheLatestStateAndForgetsAnErasedCustomer() throws Exception {
        String customer = newCustomer();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        publish(customer, now, "WITHDRAWN");
        publish(customer, now.minusHours(1), "GRANTED");   // published earlier, arriving late: ignored
        publish(customer, now.plusSeconds(1), "DENIED");   // same partition: once stored, the ones before it were applied

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored(customer)).contains("DENIED"));
        assertThat(redis.value(String.class).get(CustomerConsents.KEY + customer)).contains("\"status\":\"DENIED\"");

        TestKafka.send(ConsentsChanged.TOPIC, customer, null);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored(customer)).isNull());
        assertThat(redis.key().exists(CustomerConsents.KEY + customer)).isFalse();
    }

    @Test
    void deadLettersAStateItCannotRead() {
        String customer = newCustomer();
        TestKafka.send(ConsentsChanged.TOPIC, customer, cloudEvent("/privacy-service", ConsentsChanged.TYPE, customer,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"customerId\":\"" + customer + "\",\"consents\":{\"marketing\":{\"status\":\"MAYBE\"}}}"));

        ConsumerRecord<String, byte[]> dead = TestKafka.await("nba-service.consent-changes.dlq",
                record -> customer.equals(record.key()), PATIENCE);
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("status").contains("changedAt");
        assertThat(redis.key().exists(CustomerConsents.KEY + customer)).isFalse();
    }

    private static void publish(String customer, OffsetDateTime at, String marketing) {
        TestKafka.send(ConsentsChanged.TOPIC, customer, cloudEvent("/privacy-service", ConsentsChanged.TYPE, customer, at,
                "{\"customerId\":\"" + customer + "\",\"consents\":{\"marketing\":{\"status\":\"" + marketing
                        + "\",\"changedAt\":\"" + at.toInstant() + "\"}},\"contactPreferences\":{}}"));
    }

    /** The stored state as PostgreSQL prints it, or null. */
    private String stored(String customer) throws Exception {
        return queryOne(jdbcUrl, "select consents::text from customer_consents where customer_id = ?", customer);
    }
}
