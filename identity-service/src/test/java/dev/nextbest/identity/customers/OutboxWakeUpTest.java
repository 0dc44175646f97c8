package dev.nextbest.identity.customers;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing calls the outbox relay: the commit that wrote the event wakes it (PostgreSQL NOTIFY on commit,
 * commons-events' OutboxWakeUp). With the schedulers off, so that no sweep can publish instead, a new
 * customer's event still reaches Kafka.
 */
@QuarkusTest
@TestProfile(OutboxWakeUpTest.NoSweep.class)
class OutboxWakeUpTest {

    public static class NoSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false", "nextbest.outbox.sweep-interval", "1h");
        }
    }

    @Test
    void theCommitWakesTheRelayWithoutASweep() {
        String id = given().auth().oauth2(TestTokens.token("test-client", "admin")).contentType("application/json")
                .body("{\"kind\":\"CUSTOMER\"}").post("/identity/v1/customers").then()
                .statusCode(201).extract().path("id");

        ConsumerRecord<String, byte[]> announced = TestKafka.await(CustomerRegistry.CHANGES_TOPIC,
                r -> id.equals(r.key()), Duration.ofSeconds(20));
        assertThat(announced).as("customer-registered for " + id + ", published with no sweep running").isNotNull();
    }
}
