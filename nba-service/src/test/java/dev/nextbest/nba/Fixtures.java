package dev.nextbest.nba;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the decision tests share: actions made live through the real API (created, submitted, and approved
 * by their privacy assessment on privacy-assessments), profile snapshots sent through the real broker, decision settings, and decisions. Each
 * test works in a placement of its own, so that the actions of other tests never reach its candidates.
 */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String ACTIONS = "/nba/v1/catalog/actions";

    private Fixtures() {
    }

    public static String marketer() {
        return TestTokens.token("test-marketer", "marketer");
    }

    public static String officer() {
        return TestTokens.token("test-officer", "privacy-officer");
    }

    public static String agent() {
        return TestTokens.token("test-agent", "agent");
    }

    public static String newCustomer() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String newPlacement() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid definition: one agent treatment in the placement, value 100; change what a test needs. */
    public static Map<String, Object> definition(String name, String placement) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", name);
        definition.put("issue", "retention");
        definition.put("group", "tests");
        definition.put("value", 100);
        definition.put("treatments", new ArrayList<>(List.of(Map.of("key", "script", "channel", "agent",
                "placement", placement, "message", "Offer " + name))));
        return definition;
    }

    /**
     * Creates the action, submits it, and sends privacy-service's approval of version 1 through
     * privacy-assessments (as privacy-service publishes it); returns its id once it is live.
     */
    public static String live(String key, Map<String, Object> definition) {
        String id = given().auth().oauth2(marketer()).contentType("application/json")
                .body(json(Map.of("key", key, "definition", definition)))
                .post(ACTIONS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(marketer()).contentType("application/json").body("{\"version\":1}")
                .post(ACTIONS + "/" + id + "/submit").then().statusCode(200);
        assessed(id, key, 1, "APPROVED", null);
        awaitStatus(id, 1, "ACTIVE");
        return id;
    }

    /** Publishes privacy-service's assessment of an action version on privacy-assessments. */
    public static String assessed(String actionId, String key, int version, String status, String note) {
        String assessmentId = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", assessmentId);
        data.put("subject", Map.of("kind", "action", "id", actionId, "key", key, "version", version));
        data.put("status", status);
        data.put("risk", "LOW");
        data.put("decidedBy", note == null ? "privacy-service" : "privacy-officer-console");
        data.put("note", note);
        data.put("findings", "REJECTED".equals(status) && note == null ? List.of(Map.of("kind", "POLICY_VIOLATION",
                "code", "platform.no-health-data-for-marketing", "detail", "violates rule no-health-data-for-marketing"))
                : List.of());
        TestKafka.send("privacy-assessments", actionId, cloudEvent("/privacy-service", "dev.nextbest.privacy.assessment-changed.v1",
                actionId, OffsetDateTime.now(ZoneOffset.UTC), json(data)));
        return assessmentId;
    }

    /** Waits until the version has the status (the assessment consumer acts within moments). */
    public static void awaitStatus(String actionId, int version, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(marketer())
                .get(ACTIONS + "/" + actionId + "/versions").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.version == " + version + " }.status").contains(status));
    }

    public static String key(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Decision settings for deterministic tests: no control group, no exploration; change what a test needs. */
    public static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("channelCaps", new HashMap<>(Map.of("email", Map.of("max", 3, "days", 7))));
        settings.put("placements", new HashMap<>());
        settings.put("controlGroup", new HashMap<>(Map.of("percent", 0, "period", "MONTH", "behaviour", "NO_ACTION")));
        settings.put("exploration", new HashMap<>(Map.of("enabled", false, "modelWeight", 0.8)));
        settings.put("arbitration", new HashMap<>(Map.of("propensity", true, "contextWeight", true, "value", true, "levers", true)));
        settings.put("serviceLevelMs", 5000);
        return settings;
    }

    public static void apply(Map<String, Object> settings) {
        given().auth().oauth2(marketer()).contentType("application/json").body(json(settings))
                .put("/nba/v1/catalog/settings").then().statusCode(200);
    }

    /** Sends a profile snapshot through profile-updates and waits until the decision path has it. */
    public static void snapshot(String customer, Map<String, Object> data) {
        Map<String, Object> full = new LinkedHashMap<>(data);
        full.put("customerId", customer);
        full.putIfAbsent("kind", "CUSTOMER");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        full.put("updatedAt", now.toString());
        full.put("computedAt", now.toString());
        TestKafka.send("profile-updates", customer, cloudEvent("/profile-service", "dev.nextbest.profile.profile-updated.v1",
                customer, now, json(full)));
        String marker = (String) full.get("updatedAt");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            io.quarkus.redis.datasource.RedisDataSource redis = io.quarkus.arc.Arc.container()
                    .instance(io.quarkus.redis.datasource.RedisDataSource.class).get();
            String stored = redis.value(String.class).get("nba:features:" + customer);
            return stored != null && stored.contains(marker.substring(0, 19));
        });
    }

    /**
     * Sends the customer's consent state through consent-changes, as privacy-service publishes it, and waits until
     * the decision path has it.
     *
     * @param purposes           purpose to status (GRANTED, DENIED, WITHDRAWN, EXPIRED)
     * @param contactPreferences channel to ALL, SERVICE_ONLY or NONE
     */
    public static void consents(String customer, Map<String, String> purposes, Map<String, String> contactPreferences) {
        Map<String, Object> consents = new LinkedHashMap<>();
        purposes.forEach((purpose, status) -> consents.put(purpose, Map.of("status", status, "changedAt", "2026-11-01T09:00:00Z")));
        Map<String, Object> contact = new LinkedHashMap<>();
        contactPreferences.forEach((channel, allow) -> contact.put(channel, Map.of("allow", allow, "changedAt", "2026-11-01T09:00:00Z")));
        consentState(customer, Map.of("customerId", customer, "consents", consents, "contactPreferences", contact));
    }

    /** Grants marketing and profiling: what most decision tests need of a customer. */
    public static void consenting(String customer) {
        consents(customer, Map.of("marketing", "GRANTED", "profiling", "GRANTED"), Map.of());
    }

    /** Sends the state (the data of a consents-changed event) and waits until the decision path has it. */
    public static void consentState(String customer, Map<String, Object> state) {
        String data = json(state);
        TestKafka.send("consent-changes", customer, cloudEvent("/privacy-service", "dev.nextbest.privacy.consents-changed.v1",
                customer, OffsetDateTime.now(ZoneOffset.UTC), data));
        await().atMost(Duration.ofSeconds(30)).until(() -> data.equals(io.quarkus.arc.Arc.container()
                .instance(io.quarkus.redis.datasource.RedisDataSource.class).get()
                .value(String.class).get("nba:consents:" + customer)));
    }

    /** The first column of the first row the query (with one parameter) finds, as text; null when none. */
    public static String queryOne(String jdbcUrl, String sql, String parameter) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
             java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (java.sql.ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** A structured CloudEvent as the platform's services write them. */
    public static byte[] cloudEvent(String source, String type, String subject, OffsetDateTime time, String data) {
        return EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create(source)).withType(type).withSubject(subject)
                .withTime(time).withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8)).build());
    }

    public static ValidatableResponse decide(String token, Map<String, Object> request) {
        return given().auth().oauth2(token).contentType("application/json").body(json(request))
                .post("/nba/v1/decisions").then();
    }

    /** A decision for the customer on the agent desktop, in the placement. */
    public static JsonPath decision(String customer, String placement, Map<String, Object> context, boolean explain) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("customer", Map.of("id", customer));
        request.put("channel", "agent");
        request.put("placement", placement);
        request.put("context", context);
        request.put("limit", 5);
        request.put("explain", explain);
        return decide(agent(), request).statusCode(200).extract().jsonPath();
    }

    public static List<String> chosen(JsonPath decision) {
        return decision.getList("actions.actionKey");
    }

    /** Where the action left the funnel. */
    public static String stage(JsonPath decision, String actionKey) {
        return decision.getString("funnel.find { it.actionKey == '" + actionKey + "' }.stage");
    }

    public static String reason(JsonPath decision, String actionKey) {
        return decision.getString("funnel.find { it.actionKey == '" + actionKey + "' }.reason");
    }

    public static void respond(String customer, String action, String type, String decisionId) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("responseId", UUID.randomUUID().toString());
        response.put("decisionId", decisionId);
        response.put("customerId", customer);
        response.put("action", action);
        response.put("type", type);
        response.put("channel", "agent");
        given().auth().oauth2(agent()).contentType("application/json").body(json(response))
                .post("/nba/v1/responses").then().statusCode(202);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
