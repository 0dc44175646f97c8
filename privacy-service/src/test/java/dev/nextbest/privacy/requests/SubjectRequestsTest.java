package dev.nextbest.privacy.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Erasure and access requests against the real PostgreSQL and broker. privacy-service does its own part for real; the
 * other services' confirmations arrive on privacy-acks as they publish them (their own tests show their part).
 * The deadline is six seconds here, retries come after two.
 */
@QuarkusTest
class SubjectRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REQUESTS = "/privacy/v1/requests";

    @Test
    void anErasureCompletesOnlyWhenEveryServiceConfirmedAndLeavesNoTraceOfTheCustomerHere() throws Exception {
        String customer = newCustomer();
        given().auth().oauth2(agent()).contentType("application/json").body(Map.of(
                        "decisions", List.of(Map.of("purpose", "marketing", "status", "GRANTED")),
                        "contactPreferences", List.of(Map.of("channel", "email", "allow", "SERVICE_ONLY")),
                        "channel", "agent", "jurisdiction", "GB", "method", "agent-verbal"))
                .post("/privacy/v1/customers/" + customer + "/consents").then().statusCode(200);

        String id = given().auth().oauth2(officer()).contentType("application/json")
                .body(Map.of("kind", "ERASURE", "customerId", customer))
                .post(REQUESTS).then().statusCode(202)
                .body("status", equalTo("OPEN"))
                .body("customerId", equalTo(customer))
                .body("services.service", org.hamcrest.Matchers.contains("identity-service", "nba-service", "privacy-service", "profile-service"))
                .extract().path("id");
        assertThat(TestKafka.await(SubjectRequested.TOPIC, r -> customer.equals(r.key()), WAIT))
                .as("the request is sent to every service on privacy-requests").isNotNull();
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("kind", "ERASURE", "customerId", customer))
                .post(REQUESTS).then().statusCode(200).body("id", equalTo(id));

        await().atMost(WAIT).until(() -> "CONFIRMED".equals(service(id, "privacy-service").getString("status")));
        JsonPath own = service(id, "privacy-service");
        assertThat(own.getLong("erased.consentRecords")).isEqualTo(1);
        assertThat(own.getLong("erased.contactPreferences")).isEqualTo(1);
        assertThat(TestKafka.await("consent-changes", r -> customer.equals(r.key()) && r.value() == null, WAIT))
                .as("a tombstone on the compacted consent-changes").isNotNull();
        assertThat(request(id).getString("status")).as("three services have not confirmed").isNotEqualTo("COMPLETED");

        confirm(id, customer, "identity-service", Map.of("identifiers", 2L));
        confirm(id, customer, "profile-service", Map.of("profiles", 1L, "interactions", 12L));
        confirm(id, customer, "nba-service", Map.of("decisions", 3L));

        await().atMost(WAIT).until(() -> "COMPLETED".equals(request(id).getString("status")));
        JsonPath done = request(id);
        assertThat(done.getString("customerId")).as("only the digest stays").isNull();
        assertThat(done.getString("subjectDigest")).hasSize(64);
        assertThat(done.getLong("services.find { it.service == 'profile-service' }.erased.interactions")).isEqualTo(12);
        given().auth().oauth2(agent()).get("/privacy/v1/customers/" + customer + "/consents").then().statusCode(200)
                .body("history.size()", equalTo(0)).body("contactPreferenceHistory.size()", equalTo(0));
        assertThat(tablesMentioning(customer)).as("every table of privacy-service, scanned for the customer id").isEmpty();
        given().auth().oauth2(officer()).get("/privacy/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aServiceThatNeverConfirmsMakesTheRequestOverdueNotComplete() {
        String customer = newCustomer();
        String id = given().auth().oauth2(officer()).contentType("application/json")
                .body(Map.of("kind", "ERASURE", "customerId", customer)).post(REQUESTS).then().statusCode(202)
                .extract().path("id");
        confirm(id, customer, "profile-service", Map.of("profiles", 0L));
        confirm(id, customer, "nba-service", Map.of("decisions", 0L));

        await().atMost(WAIT).until(() -> "OVERDUE".equals(request(id).getString("status")));
        JsonPath overdue = request(id);
        assertThat(overdue.getString("escalatedAt")).isNotNull();
        assertThat(overdue.getString("services.find { it.service == 'identity-service' }.status")).isEqualTo("OVERDUE");
        assertThat(overdue.getInt("services.find { it.service == 'identity-service' }.attempts"))
                .as("sent again while waiting").isGreaterThanOrEqualTo(2);
        assertThat(overdue.getString("services.find { it.service == 'nba-service' }.status")).isEqualTo("CONFIRMED");
        given().auth().oauth2(officer()).queryParam("status", "OVERDUE").get(REQUESTS).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));

        confirm(id, customer, "identity-service", Map.of("identifiers", 1L));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(request(id).getString("status")));
    }

    @Test
    void anAccessRequestGathersOneBundleFromEveryService() {
        String customer = newCustomer();
        given().auth().oauth2(agent()).contentType("application/json").body(Map.of(
                        "decisions", List.of(Map.of("purpose", "profiling", "status", "DENIED")),
                        "channel", "web", "jurisdiction", "GB", "method", "cookie-banner"))
                .post("/privacy/v1/customers/" + customer + "/consents").then().statusCode(200);
        String id = given().auth().oauth2(TestTokens.customerToken("mobile-app", customer)).contentType("application/json")
                .body(Map.of("kind", "ACCESS", "customerId", customer)).post(REQUESTS).then().statusCode(202)
                .body("kind", equalTo("ACCESS")).extract().path("id");
        await().atMost(WAIT).until(() -> "CONFIRMED".equals(service(id, "privacy-service").getString("status")));
        given().auth().oauth2(officer()).get(REQUESTS + "/" + id + "/bundle").then().statusCode(409)
                .body("detail", containsString("still waiting for [identity-service, nba-service, profile-service]"));

        answer(id, customer, "identity-service", Map.of("customer", Map.of("id", customer, "kind", "PROSPECT")));
        answer(id, customer, "profile-service", Map.of("profile", Map.of("attributes", Map.of("tier", "gold"))));
        answer(id, customer, "nba-service", Map.of("decisions", List.of()));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(request(id).getString("status")));

        given().auth().oauth2(TestTokens.customerToken("mobile-app", customer)).get(REQUESTS + "/" + id + "/bundle").then()
                .statusCode(200)
                .body("customerId", equalTo(customer))
                .body("services.'privacy-service'.purposes.profiling.status", equalTo("DENIED"))
                .body("services.'profile-service'.profile.attributes.tier", equalTo("gold"))
                .body("services.'identity-service'.customer.kind", equalTo("PROSPECT"));
        given().auth().oauth2(TestTokens.customerToken("mobile-app", newCustomer())).get(REQUESTS + "/" + id + "/bundle").then()
                .statusCode(403);
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("kind", "FORGET", "customerId", "alex@example.com"))
                .post(REQUESTS).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItems("kind", "customerId"));
        String erasure = given().auth().oauth2(officer()).contentType("application/json")
                .body(Map.of("kind", "ERASURE", "customerId", newCustomer())).post(REQUESTS).then().statusCode(202).extract().path("id");
        given().auth().oauth2(officer()).get(REQUESTS + "/" + erasure + "/bundle").then().statusCode(409)
                .body("detail", containsString("an erasure, not an access request"));
        given().auth().oauth2(TestTokens.customerToken("mobile-app", newCustomer())).contentType("application/json")
                .body(Map.of("kind", "ERASURE", "customerId", newCustomer())).post(REQUESTS).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("marketer-console", "marketer")).contentType("application/json")
                .body(Map.of("kind", "ERASURE", "customerId", newCustomer())).post(REQUESTS).then().statusCode(403);
        given().auth().oauth2(officer()).get(REQUESTS + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", containsString("no request"));
        given().auth().oauth2(officer()).get(REQUESTS + "/not-a-uuid").then().statusCode(400);
    }

    private static void confirm(String requestId, String customer, String service, Map<String, Long> erased) {
        Map<String, Object> data = Map.of("requestId", requestId, "service", service, "customerId", customer, "erased", erased);
        byte[] event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/" + service)).withType(ErasureCompleted.TYPE)
                .withSubject(customer).withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(json(data)).build());
        TestKafka.send(ErasureCompleted.TOPIC, customer, event);
    }

    private static void answer(String requestId, String customer, String service, Map<String, Object> data) {
        Map<String, Object> part = Map.of("requestId", requestId, "service", service, "customerId", customer, "data", data);
        byte[] event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/" + service)).withType(AccessPart.TYPE)
                .withSubject(customer).withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(json(part)).build());
        TestKafka.send(ErasureCompleted.TOPIC, customer, event);
    }

    private static JsonPath request(String id) {
        return given().auth().oauth2(officer()).get(REQUESTS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath service(String id, String service) {
        Map<String, Object> part = request(id).getMap("services.find { it.service == '" + service + "' }");
        return new JsonPath(new String(json(part == null ? Map.of() : part), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The tables whose rows, as text, contain the value. */
    private static List<String> tablesMentioning(String value) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = database(); ResultSet tables = c.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table + " t WHERE position('"
                        + value + "' in t::text) > 0")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        found.add(table);
                    }
                }
            }
        }
        return found;
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newCustomer() {
        StringBuilder id = new StringBuilder("cus_");
        for (int i = 0; i < 32; i++) {
            id.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return id.toString();
    }

    private static String agent() {
        return TestTokens.token("agent-desktop", "agent");
    }

    private static String officer() {
        return TestTokens.token("privacy-console", "privacy-officer");
    }
}
