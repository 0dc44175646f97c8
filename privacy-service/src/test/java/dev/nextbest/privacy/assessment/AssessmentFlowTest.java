package dev.nextbest.privacy.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Changes arrive on catalog-changes through the real broker as nba-service publishes them; assessments are
 * stored in PostgreSQL and published on privacy-assessments, where nba-service acts on them.
 */
@QuarkusTest
class AssessmentFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANGES = "catalog-changes";
    private static final String ASSESSMENTS = "/privacy/v1/assessments";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anActionUsingHealthDataForMarketingIsRejectedWithTheRuleAndTheFields() throws Exception {
        String actionId = submit("health-offer", Map.of("dataUses", List.of("marketing.advertising.first_party.targeted"),
                "purposes", List.of("marketing"), "eligibility", "has(profile.attributes.medicalConditions)"));

        JsonPath assessment = awaitAssessment(actionId);
        assertThat(assessment.getString("status")).isEqualTo("REJECTED");
        assertThat(assessment.getString("decidedBy")).isEqualTo("privacy-service");
        assertThat(assessment.getList("findings.findAll { it.kind == 'POLICY_VIOLATION' }.code"))
                .containsExactly("platform.no-health-data-for-marketing");
        assertThat(assessment.getList("findings.find { it.kind == 'POLICY_VIOLATION' }.fields"))
                .containsExactly("profile.attributes.medicalConditions");

        JsonNode published = published(actionId, "REJECTED");
        assertThat(published.at("/subject/version").asInt()).isEqualTo(1);
        assertThat(published.at("/subject/kind").asText()).isEqualTo("action");
    }

    @Test
    void aLowRiskActionIsApprovedAutomaticallyAndPublishedForNbaServiceToActivate() throws Exception {
        String actionId = submit("fibre-upgrade", Map.of("dataUses", List.of("marketing.advertising.first_party.targeted"),
                "purposes", List.of("marketing"), "eligibility", "'broadband' in profile.holdings",
                "volume", Map.of("max", 500, "period", "DAY")));

        JsonPath assessment = awaitAssessment(actionId);
        assertThat(assessment.getString("status")).isEqualTo("APPROVED");
        assertThat(assessment.getString("risk")).isEqualTo("LOW");
        assertThat(assessment.getList("requiredConsents")).containsExactly("marketing");
        JsonNode published = published(actionId, "APPROVED");
        assertThat(published.get("decidedBy").asText()).isEqualTo("privacy-service");
        given().auth().oauth2(officer()).get("/privacy/v1/changes/{id}", changeOf(actionId)).then().statusCode(200)
                .body("status", equalTo("ASSESSED"));
    }

    @Test
    void aMediumRiskActionWaitsForAPrivacyOfficerWhoseDecisionIsPublishedAndAudited() throws Exception {
        String actionId = submit("retention-credit", Map.of("dataUses", List.of("marketing.advertising.first_party.targeted"),
                "purposes", List.of("marketing"),
                "suitability", "!has(traits.paymentFailures) || traits.paymentFailures.count == 0",
                "contextWeight", "has(context.intent) && context.intent == 'cancel' ? 3.0 : 1.0"));
        JsonPath assessment = awaitAssessment(actionId);
        assertThat(assessment.getString("status")).isEqualTo("PENDING_REVIEW");
        assertThat(assessment.getString("risk")).isEqualTo("MEDIUM");
        String id = assessment.getString("id");
        published(actionId, "PENDING_REVIEW");
        given().auth().oauth2(officer()).queryParam("status", "PENDING_REVIEW").get(ASSESSMENTS).then().statusCode(200)
                .body("id", hasItem(id));

        given().auth().oauth2(TestTokens.token("marketer-console", "marketer")).contentType("application/json")
                .body("{\"note\":\"looks fine\"}").post(ASSESSMENTS + "/" + id + "/approve").then().statusCode(403);
        given().auth().oauth2(officer()).contentType("application/json").body("{}")
                .post(ASSESSMENTS + "/" + id + "/approve").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("note"));
        given().auth().oauth2(officer()).contentType("application/json")
                .body("{\"note\":\"payment failures only withhold an offer; DPIA-17 on file\"}")
                .post(ASSESSMENTS + "/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("assessedAs", equalTo("PENDING_REVIEW"))
                .body("decidedBy", equalTo("privacy-console"));
        given().auth().oauth2(officer()).contentType("application/json").body("{\"note\":\"again\"}")
                .post(ASSESSMENTS + "/" + id + "/reject").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("only a PENDING_REVIEW assessment can be decided"));

        JsonNode approved = published(actionId, "APPROVED");
        assertThat(approved.get("note").asText()).contains("DPIA-17");
        List<String> audited = given().auth().oauth2(officer()).get("/privacy/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.subject == 'assessment " + id + "' }.kind");
        assertThat(audited).containsExactly("assessment-decided", "assessment-made");
    }

    @Test
    void anActionIsAssessedWithItsGroupsPoliciesAndTheModelsThatScoreIt() throws Exception {
        String group = "group-" + UUID.randomUUID().toString().substring(0, 8);
        send(group, "dev.nextbest.nba.catalog.engagement-policy-changed.v1", Map.of("level", "group", "name", group,
                "suitability", "!has(traits.complaints) || traits.complaints.count < 3", "updatedAt", Instant.now().toString()));
        String model = "model-" + UUID.randomUUID().toString().substring(0, 8);
        send(model, "dev.nextbest.nba.catalog.model-registered.v1", Map.of("id", UUID.randomUUID().toString(), "name", model,
                "version", 1, "groups", List.of(group), "features", List.of(
                        Map.of("name", "age", "source", "profile.attributes.age", "encoding", "number"),
                        Map.of("name", "weather", "source", "context.weather", "encoding", "one-hot"))));
        JsonPath modelAssessment = awaitAssessment(model);
        assertThat(modelAssessment.getString("subject.kind")).isEqualTo("model");
        assertThat(modelAssessment.getList("criteria")).contains("EVALUATION_OR_SCORING", "INNOVATIVE_TECHNOLOGY");

        String actionId = submit("savings-nudge", Map.of("group", group, "dataUses", List.of("marketing.advertising.first_party.targeted"),
                "purposes", List.of("marketing")));
        JsonPath assessment = awaitAssessment(actionId);
        assertThat(assessment.getList("inputs.expressions.origin")).containsExactly("group " + group + " suitability");
        assertThat(assessment.getList("inputs.models.name")).containsExactly(model);
        assertThat(assessment.getList("criteria")).contains("EVALUATION_OR_SCORING");

        given().auth().oauth2(officer()).get(ASSESSMENTS + "/" + assessment.getString("id") + "/replay").then().statusCode(200)
                .body("sameResult", equalTo(true)).body("sameDataMap", equalTo(true));
    }

    @Test
    void aPolicyEditedByApiIsVersionedValidatedAndAppliedToTheNextAssessment() throws Exception {
        String key = "reporting-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> rule = Map.of("key", "no-purchases-in-reports", "name", "Purchases stay out of reports",
                "dataCategories", Map.of("matches", "ANY", "values", List.of("user.behavior.purchase_history")),
                "dataUses", Map.of("matches", "ANY", "values", List.of("analytics.reporting")),
                "dataSubjects", Map.of("matches", "ANY", "values", List.of("customer")));
        given().auth().oauth2(officer()).contentType("application/json")
                .body(json(Map.of("key", key, "name", "Reporting", "rules", List.of(Map.of("key", "bad", "name", "Bad",
                        "dataCategories", Map.of("matches", "ANY", "values", List.of("user.shoe_size")),
                        "dataUses", Map.of("matches", "ANY", "values", List.of("analytics")),
                        "dataSubjects", Map.of("matches", "ANY", "values", List.of("customer")))))))
                .put("/privacy/v1/policies/" + key).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'user.shoe_size' is not a data category of the taxonomy"));
        given().auth().oauth2(officer()).contentType("application/json")
                .body(json(Map.of("key", key, "name", "Reporting", "rules", List.of(Map.of("key", "x", "name", "x")))))
                .put("/privacy/v1/policies/" + key).then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> policy = Map.of("key", key, "name", "Reporting", "rules", List.of(rule));
        given().auth().oauth2(officer()).contentType("application/json").body(json(policy))
                .put("/privacy/v1/policies/" + key).then().statusCode(200).body("version", equalTo(1)).body("source", equalTo("api"));
        given().auth().oauth2(officer()).contentType("application/json").body(json(policy))
                .put("/privacy/v1/policies/" + key).then().statusCode(200).body("version", equalTo(1));

        String actionId = submit("usage-report", Map.of("dataUses", List.of("analytics.reporting"), "eligibility", "'tv' in profile.holdings"));
        JsonPath assessment = awaitAssessment(actionId);
        assertThat(assessment.getString("status")).isEqualTo("REJECTED");
        assertThat(assessment.getList("findings.findAll { it.kind == 'POLICY_VIOLATION' }.code")).containsExactly(key + ".no-purchases-in-reports");
        assertThat(assessment.getInt("policyVersions." + key)).isEqualTo(1);
        assertThat(assessment.getInt("policyVersions.platform")).isGreaterThanOrEqualTo(1);

        given().auth().oauth2(officer()).get("/privacy/v1/policies/" + key + "/versions").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(1));
    }

    @Test
    void theAuditLogDetectsATamperedEntryAndRefusesUpdates() throws Exception {
        submit("audit-probe", Map.of("dataUses", List.of("essential.service.operations.support")));
        given().auth().oauth2(officer()).get("/privacy/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
        try (Connection db = database(); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            String original;
            try (var rows = sql.executeQuery("SELECT details FROM audit_log WHERE seq = 1")) {
                rows.next();
                original = rows.getString(1);
            }
            sql.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            try {
                sql.executeUpdate("UPDATE audit_log SET details = '{\"status\":\"APPROVED\"}' WHERE seq = 1");
                given().auth().oauth2(officer()).get("/privacy/v1/audit/verify").then().statusCode(200)
                        .body("intact", equalTo(false)).body("brokenAt", equalTo(1))
                        .body("reason", containsString("changed after it was written"));
                try (var update = db.prepareStatement("UPDATE audit_log SET details = ? WHERE seq = 1")) {
                    update.setString(1, original);
                    update.executeUpdate();
                }
            } finally {
                sql.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
        }
        given().auth().oauth2(officer()).get("/privacy/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static String submit(String key, Map<String, Object> parts) throws Exception {
        String actionId = UUID.randomUUID().toString();
        Map<String, Object> definition = new java.util.LinkedHashMap<>(Map.of("name", "Offer " + key, "issue", "offers",
                "group", "offers"));
        definition.putAll(parts);
        send(actionId, "dev.nextbest.nba.catalog.action-submitted.v1", Map.of("id", actionId, "key", key + "-" + actionId.substring(0, 6),
                "version", 1, "status", "PENDING_ASSESSMENT", "definition", definition));
        return actionId;
    }

    private static void send(String key, String type, Map<String, Object> data) throws Exception {
        byte[] event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withSource(URI.create("/nba-service")).withType(type).withSubject(key)
                .withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData(JSON.writeValueAsBytes(data)).build());
        TestKafka.send(CHANGES, key, event);
    }

    private static JsonPath awaitAssessment(String subjectId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath all = given().auth().oauth2(officer()).queryParam("limit", 500).get(ASSESSMENTS).then().statusCode(200)
                    .extract().jsonPath();
            String id = all.getString("find { it.subject.id == '" + subjectId + "' }.id");
            return id == null ? null : given().auth().oauth2(officer()).get(ASSESSMENTS + "/" + id).then().statusCode(200)
                    .extract().jsonPath();
        }, found -> found != null);
    }

    private static JsonNode published(String subjectId, String status) throws Exception {
        ConsumerRecord<String, byte[]> record = TestKafka.await("privacy-assessments", r -> subjectId.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"status\":\"" + status + "\""), WAIT);
        assertThat(record).as("privacy-assessments event with status " + status).isNotNull();
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("type").asText()).isEqualTo(Assessments.TYPE);
        return event.get("data");
    }

    private static String changeOf(String subjectId) {
        return given().auth().oauth2(officer()).queryParam("limit", 500).get("/privacy/v1/changes").then().statusCode(200)
                .extract().jsonPath().getString("find { it.subjectId == '" + subjectId + "' && it.status == 'ASSESSED' }.id");
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String officer() {
        return TestTokens.token("privacy-console", "privacy-officer");
    }
}
