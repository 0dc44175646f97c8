package dev.nextbest.nba.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.servers.LocalServers;
import dev.nextbest.local.testing.InjectRealServers;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class ActionResourceTest {

    private static final String ACTIONS = "/nba/v1/catalog/actions";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealServers
    LocalServers servers;

    @Test
    void createsADraftActionAndPublishesTheChange() throws Exception {
        String key = uniqueKey("retention-discount");
        String location = given().auth().oauth2(token()).contentType("application/json")
                .body(action(key))
                .post(ACTIONS).then()
                .statusCode(201)
                .body("key", equalTo(key))
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(1))
                .extract().header("Location");

        String id = given().auth().oauth2(token()).get(location).then().statusCode(200).body("key", equalTo(key)).extract().path("id");

        ConsumerRecord<String, byte[]> change = TestKafka.await(Catalog.CHANGES_TOPIC, r -> id.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(change).as("catalog-changes event for " + id).isNotNull();
        assertThat(TestKafka.header(change, "content-type")).isEqualTo("application/cloudevents+json");
        JsonNode event = JSON.readTree(change.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo(Catalog.ACTION_CREATED);
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(event.get("data").get("key").asText()).isEqualTo(key);
        assertThat(event.get("data").get("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void aChangeMadeWhileKafkaIsDownIsPublishedWhenItIsBack() {
        String key = uniqueKey("service-fix");
        servers.kafka().stop();
        String id;
        try {
            id = given().auth().oauth2(token()).contentType("application/json").body(action(key)).post(ACTIONS).then()
                    .statusCode(201).extract().path("id");
        } finally {
            servers.kafka().start();
        }
        assertThat(TestKafka.await(Catalog.CHANGES_TOPIC, r -> id.equals(r.key()), Duration.ofSeconds(60)))
                .as("the outbox publishes the change once Kafka is back").isNotNull();
    }

    @Test
    void refusesASecondActionWithTheSameKey() {
        String key = uniqueKey("upgrade");
        given().auth().oauth2(token()).contentType("application/json").body(action(key)).post(ACTIONS).then().statusCode(201);
        given().auth().oauth2(token()).contentType("application/json").body(action(key)).post(ACTIONS).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("an action with key '" + key + "' already exists"));
    }

    @Test
    void refusesAnInvalidActionAndSaysWhichFieldsAreWrong() {
        given().auth().oauth2(token()).contentType("application/json")
                .body("{\"key\":\"Not A Slug\",\"name\":\"\",\"group\":\"g\"}")
                .post(ACTIONS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems(containsString("key"), containsString("definition")));
    }

    @Test
    void refusesMalformedJsonMissingBodiesAndOtherMediaTypes() {
        for (String body : new String[]{"{\"key\":", "", "{\"key\":[1,2]}", "[]", "null"}) {
            given().auth().oauth2(token()).contentType("application/json").body(body).post(ACTIONS).then()
                    .log().ifValidationFails()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(token()).contentType("application/json").body("{\"key\": oops}").post(ACTIONS).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token()).contentType("text/plain").body("hello").post(ACTIONS).then()
                .statusCode(415).contentType("application/problem+json")
                .body("title", equalTo("Unsupported Media Type"));
        given().auth().oauth2(token()).get(ACTIONS + "/" + UUID.randomUUID() + "/nothing-here").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void answersAMalformedOrUnknownId() {
        given().auth().oauth2(token()).get(ACTIONS + "/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.message", hasItem("must be a UUID"));
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(token()).get(ACTIONS + "/" + unknown).then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no action with id " + unknown));
    }

    @Test
    void listsTheCatalogueFilteredByStatus() {
        String key = uniqueKey("cross-sell");
        given().auth().oauth2(token()).contentType("application/json").body(action(key)).post(ACTIONS).then().statusCode(201);
        given().auth().oauth2(token()).queryParam("status", "DRAFT").get(ACTIONS).then()
                .statusCode(200)
                .body("key", hasItem(key))
                .body("status", everyItem(equalTo("DRAFT")));
        given().auth().oauth2(token()).queryParam("status", "LIVE").get(ACTIONS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("status must be one of DRAFT, PENDING_ASSESSMENT, ACTIVE, RETIRED"));
    }

    private static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String action(String key) {
        return """
                {"key":"%s","definition":{"name":"10%% off for 12 months","issue":"retention","group":"discounts",
                 "description":"For customers at risk of leaving","value":120,
                 "treatments":[{"key":"script","channel":"agent","placement":"not-used-by-tests","message":"Offer 10%% off"}]}}""".formatted(key);
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "marketer");
    }
}
