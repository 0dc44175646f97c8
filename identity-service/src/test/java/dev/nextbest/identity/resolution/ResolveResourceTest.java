package dev.nextbest.identity.resolution;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ResolveResourceTest {

    private static final String RESOLVE = "/identity/v1/resolve";

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theSameIdentifierWrittenDifferentlyIsTheSameCustomer() {
        String local = "jane." + unique();
        String id = resolve(identifier("email", "  " + local.toUpperCase() + "@Example.COM ")).statusCode(200)
                .body("outcome", equalTo("CREATED")).extract().path("customerId");

        resolve(identifier("email", local + "@example.com"))
                .body("customerId", equalTo(id)).body("outcome", equalTo("MATCHED"));
        resolve(identifier("email", local + "@example.com"), identifier("phone", "+44 20 7946 0018"))
                .body("customerId", equalTo(id)).body("outcome", equalTo("LINKED"))
                .body("linked.type", contains("phone"));
        resolve(identifier("phone", "(020) 7946-0018"))
                .body("customerId", equalTo(id)).body("outcome", equalTo("MATCHED"));
    }

    @Test
    void refusesPlaceholdersAndInvalidValuesWithoutQuotingThem() {
        String body = """
                {"identifiers":[{"type":"email","value":"null"},{"type":"cookie_id","value":"ok-%s"},
                                {"type":"phone","value":"secret-not-a-phone"}]}""".formatted(unique());
        given().auth().oauth2(token()).contentType("application/json").body(body).post(RESOLVE).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("identifiers[0]: email is a placeholder, not an identifier; "
                        + "identifiers[2]: phone is not a phone number"))
                .body("detail", not(containsString("secret-not-a-phone")));
    }

    @Test
    void refusesMalformedRequests() {
        for (String body : new String[]{"{\"identifiers\":[]}", "{}", "{\"identifiers\":[{\"type\":\"email\"}]}",
                "{\"identifiers\":[{\"type\":\"passport\",\"value\":\"x\"}]}",
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"a@b.co\"}],\"source\":\"web\"}"}) {
            given().auth().oauth2(token()).contentType("application/json").body(body).post(RESOLVE).then()
                    .log().ifValidationFails()
                    .statusCode(400).contentType("application/problem+json");
        }
        StringBuilder many = new StringBuilder("{\"identifiers\":[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"cookie_id\",\"value\":\"c").append(i).append("\"}");
        }
        given().auth().oauth2(token()).contentType("application/json").body(many.append("]}").toString()).post(RESOLVE).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void linksNoMoreIdentifiersOfATypeThanTheRulesAllow() {
        String email = "limit." + unique() + "@example.com";
        String id = resolve(identifier("email", email), identifier("customer_number", "CN-" + unique()))
                .body("outcome", equalTo("CREATED")).extract().path("customerId");

        resolve(identifier("email", email), identifier("customer_number", "CN-" + unique()))
                .body("customerId", equalTo(id))
                .body("outcome", equalTo("MATCHED"))
                .body("notLinked[0].index", equalTo(1))
                .body("notLinked[0].reason", equalTo("the customer already has the maximum of 1 customer_number identifiers"));
    }

    @Test
    void aSharedDeviceNeverJoinsTwoPeople() {
        String device = UUID.randomUUID().toString();
        String alice = "alice." + unique() + "@example.com";
        String bob = "bob." + unique() + "@example.com";
        String aliceId = resolve(identifier("email", alice), identifier("device_id", device)).extract().path("customerId");
        String bobId = resolve(identifier("email", bob)).extract().path("customerId");

        // Bob signs in on Alice's tablet.
        resolve(identifier("email", bob), identifier("device_id", device))
                .body("customerId", equalTo(bobId))
                .body("outcome", equalTo("MATCHED"))
                .body("linked", empty())
                .body("notLinked[0].reason", equalTo("belongs to another customer"))
                .body("conflicts[0].customerId", equalTo(aliceId))
                .body("conflicts[0].matchedBy", contains("device_id"))
                .body("conflicts[0].reason", equalTo("not merged: no verified strong identifier shows they are one person"));

        resolve(identifier("email", alice)).body("customerId", equalTo(aliceId));
        resolve(identifier("email", bob)).body("customerId", equalTo(bobId));
    }

    @Test
    void announcesLinksWithoutTheIdentifiers() {
        String email = "event." + unique() + "@example.com";
        String id = resolve(identifier("email", email)).extract().path("customerId");

        ConsumerRecord<String, byte[]> linked = TestKafka.await("identity-changes",
                r -> id.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(IdentityResolver.IDENTIFIERS_LINKED),
                Duration.ofSeconds(30));
        assertThat(linked).isNotNull();
        String event = new String(linked.value(), StandardCharsets.UTF_8);
        assertThat(event).contains("\"types\":[\"email\"]", "\"newCustomer\":true").doesNotContain(email, "v1.");
    }

    @Test
    void storesNoIdentifierInClearInPostgresRedisOrKafka() throws Exception {
        String email = "scan." + unique() + "@example.com";
        String login = "scanlogin" + unique();
        String id = resolve(identifier("email", email), identifier("login_id", login)).extract().path("customerId");
        assertThat(redis.key().keys("identity:identifier:*")).isNotEmpty();

        List<String> everything = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            for (String table : new String[]{"customer", "identifier", "outbox_event"}) {
                try (ResultSet rows = s.executeQuery("SELECT t::text, " + (table.equals("outbox_event")
                        ? "convert_from(payload, 'UTF8')" : "''") + " FROM " + table + " t")) {
                    while (rows.next()) {
                        everything.add(rows.getString(1));
                        everything.add(rows.getString(2));
                    }
                }
            }
        }
        for (String key : redis.key().keys("identity:*")) {
            everything.add(key);
            if (redis.key().type(key).name().equals("STRING")) {
                everything.add(String.valueOf(redis.value(String.class).get(key)));
            }
        }
        TestKafka.readAll("identity-changes", Duration.ofSeconds(3))
                .forEach(r -> everything.add(new String(r.value(), StandardCharsets.UTF_8)));

        assertThat(everything).as("stores read").anyMatch(text -> text.contains(id));
        assertThat(everything).noneMatch(text -> text.contains(email) || text.contains(login)
                || text.contains(email.substring(0, email.indexOf('@'))));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String identifier(String type, String value) {
        return "{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}";
    }

    private static ValidatableResponse resolve(String... identifiers) {
        return given().auth().oauth2(token()).contentType("application/json")
                .body("{\"identifiers\":[" + String.join(",", identifiers) + "],\"source\":\"/channels/web\"}")
                .post(RESOLVE).then().log().ifValidationFails().statusCode(200);
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent", "service", "admin");
    }
}
