package dev.nextbest.identity.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class CustomerResourceTest {

    private static final String CUSTOMERS = "/identity/v1/customers";

    @Inject
    RedisDataSource redis;

    @Test
    void issuesARandomCustomerIdAndAnnouncesIt() throws Exception {
        String location = given().auth().oauth2(token()).contentType("application/json").body("{\"kind\":\"PROSPECT\"}")
                .post(CUSTOMERS).then()
                .statusCode(201)
                .body("id", matchesPattern(CustomerIds.PATTERN))
                .body("kind", equalTo("PROSPECT"))
                .extract().header("Location");
        String id = given().auth().oauth2(token()).get(location).then().statusCode(200).body("kind", equalTo("PROSPECT")).extract().path("id");

        ConsumerRecord<String, byte[]> announced = TestKafka.await(CustomerRegistry.CHANGES_TOPIC,
                r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(announced).as("identity-changes event for " + id).isNotNull();
        JsonNode event = new ObjectMapper().readTree(announced.value());
        assertThat(event.get("type").asText()).isEqualTo(CustomerRegistry.CUSTOMER_REGISTERED);
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(event.get("data").get("kind").asText()).isEqualTo("PROSPECT");
    }

    @Test
    void twoRegistrationsNeverShareAnId() {
        String first = register("CUSTOMER");
        String second = register("CUSTOMER");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void cachesLookupsInRedisAndFallsBackToPostgres() {
        String id = register("CUSTOMER");
        String key = "identity:customer:" + id;
        assertThat(redis.key().exists(key)).as("cached on registration").isTrue();

        redis.key().del(key);
        given().auth().oauth2(token()).get(CUSTOMERS + "/" + id).then().statusCode(200).body("id", equalTo(id));
        assertThat(redis.key().exists(key)).as("cached again after a read from PostgreSQL").isTrue();
        assertThat(redis.key().ttl(key)).isPositive();
    }

    @Test
    void refusesAnInvalidRegistration() {
        given().auth().oauth2(token()).contentType("application/json").body("{\"kind\":\"ALIEN\"}").post(CUSTOMERS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("field 'kind' must be one of CUSTOMER, PROSPECT"));
        given().auth().oauth2(token()).contentType("application/json").body("{}").post(CUSTOMERS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("kind")));
        given().auth().oauth2(token()).contentType("application/json").post(CUSTOMERS).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token()).contentType("application/json").body("{\"kind\":{\"nested\":1}}").post(CUSTOMERS).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refusesAMalformedIdAndAnswersAnUnknownOne() {
        given().auth().oauth2(token()).get(CUSTOMERS + "/jane.doe@example.com").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.message", hasItem(CustomerIds.MESSAGE));
        given().auth().oauth2(token()).get(CUSTOMERS + "/cus_00000000000000000000000000000000").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no customer with id cus_00000000000000000000000000000000"));
    }

    private static String register(String kind) {
        return given().auth().oauth2(token()).contentType("application/json").body("{\"kind\":\"" + kind + "\"}")
                .post(CUSTOMERS).then().statusCode(201).extract().path("id");
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent", "service", "admin");
    }
}
