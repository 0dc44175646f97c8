package dev.nextbest.privacy.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The ledger against the real PostgreSQL and broker; consent-changes as profile-service reads it. */
@QuarkusTest
class ConsentLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aGrantAndItsWithdrawalAreKeptAndEachStateIsPublished() throws Exception {
        String customer = newCustomer();
        given().auth().oauth2(agent()).contentType("application/json")
                .body(request("marketing", "GRANTED", null, "agent", "agent-verbal"))
                .post(path(customer)).then().statusCode(200)
                .body("purposes.marketing.status", equalTo("GRANTED"))
                .body("purposes.marketing.channel", equalTo("agent"))
                .body("purposes.marketing.lawfulBasis", equalTo("CONSENT"));
        assertThat(published(customer, "marketing", "GRANTED")).isNotNull();

        given().auth().oauth2(agent()).contentType("application/json")
                .body(request("marketing", "WITHDRAWN", null, "web", "web-form"))
                .post(path(customer)).then().statusCode(200)
                .body("purposes.marketing.status", equalTo("WITHDRAWN"));
        assertThat(published(customer, "marketing", "WITHDRAWN")).isNotNull();

        given().auth().oauth2(TestTokens.token("privacy-console", "privacy-officer")).get(path(customer)).then().statusCode(200)
                .body("purposes.marketing.status", equalTo("WITHDRAWN"))
                .body("history.status", contains("WITHDRAWN", "GRANTED"))
                .body("history[1].method", equalTo("agent-verbal"))
                .body("history[1].jurisdiction", equalTo("GB"))
                .body("history[1].notice", equalTo("privacy-notice-2026-10"))
                .body("history[1].recordedBy", equalTo("agent-desktop"));
    }

    @Test
    void theGlobalPrivacyControlSignalRefusesSharingAndProfilingEvenWhenTheFormGrantsThem() {
        String customer = newCustomer();
        given().auth().oauth2(TestTokens.customerToken("web-app", customer)).header("Sec-GPC", "1").contentType("application/json")
                .body(request("profiling", "GRANTED", null, "web", "cookie-banner"))
                .post(path(customer)).then().statusCode(200)
                .body("purposes.profiling.status", equalTo("DENIED"))
                .body("purposes.profiling.method", equalTo("gpc-signal"))
                .body("purposes.sharing.status", equalTo("DENIED"))
                .body("history.method", hasItem("cookie-banner"));
    }

    @Test
    void anExpiredGrantIsNotUsedAndItsExpiryIsPublished() throws Exception {
        String customer = newCustomer();
        Instant expires = Instant.now().plusSeconds(2);
        given().auth().oauth2(agent()).contentType("application/json")
                .body(request("marketing", "GRANTED", expires, "app", "app-toggle"))
                .post(path(customer)).then().statusCode(200)
                .body("purposes.marketing.status", equalTo("GRANTED"));
        await().atMost(WAIT).until(() -> "EXPIRED".equals(given().auth().oauth2(agent()).get(path(customer)).then()
                .statusCode(200).extract().path("purposes.marketing.status")));
        JsonNode expired = published(customer, "marketing", "EXPIRED");
        assertThat(expired).as("the sweep announces the expiry on consent-changes").isNotNull();
        assertThat(Instant.parse(expired.at("/consents/marketing/changedAt").asText())).isEqualTo(expires.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void contactPreferencesPerChannelAreKeptWithTheirHistoryAndPublished() throws Exception {
        String customer = newCustomer();
        given().auth().oauth2(TestTokens.customerToken("mobile-app", customer)).contentType("application/json")
                .body(Map.of("contactPreferences", List.of(Map.of("channel", "email", "allow", "ALL"),
                                Map.of("channel", "sms", "allow", "NONE")),
                        "channel", "app", "jurisdiction", "GB", "method", "app-settings"))
                .post(path(customer)).then().statusCode(200)
                .body("contactPreferences.email.allow", equalTo("ALL"))
                .body("contactPreferences.sms.allow", equalTo("NONE"));
        // "Only contact me when it ships": service messages only, by email.
        given().auth().oauth2(agent()).contentType("application/json")
                .body(Map.of("contactPreferences", List.of(Map.of("channel", "email", "allow", "SERVICE_ONLY")),
                        "channel", "agent", "jurisdiction", "GB", "method", "agent-verbal"))
                .post(path(customer)).then().statusCode(200)
                .body("contactPreferences.email.allow", equalTo("SERVICE_ONLY"))
                .body("contactPreferences.email.collectedOn", equalTo("agent"))
                .body("contactPreferences.sms.allow", equalTo("NONE"))
                .body("contactPreferenceHistory.allow", contains("SERVICE_ONLY", "ALL", "NONE"))
                .body("purposes.size()", equalTo(0));
        ConsumerRecord<String, byte[]> record = TestKafka.await(ConsentLedger.TOPIC, r -> customer.equals(r.key())
                && "SERVICE_ONLY".equals(field(r.value(), "/data/contactPreferences/email/allow")), WAIT);
        assertThat(record).as("the new preference is published on consent-changes").isNotNull();
        assertThat(field(record.value(), "/data/contactPreferences/sms/allow")).isEqualTo("NONE");

        given().auth().oauth2(agent()).contentType("application/json")
                .body(Map.of("contactPreferences", List.of(Map.of("channel", "email", "allow", "ALL"),
                        Map.of("channel", "email", "allow", "NONE")), "channel", "agent", "jurisdiction", "GB", "method", "agent-verbal"))
                .post(path(customer)).then().statusCode(400).body("detail", containsString("email is listed twice"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body(Map.of("contactPreferences", List.of(Map.of("channel", "pigeon", "allow", "SOMETIMES")),
                        "channel", "agent", "jurisdiction", "GB", "method", "agent-verbal"))
                .post(path(customer)).then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("contactPreferences[0].channel", "contactPreferences[0].allow"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body(Map.of("channel", "agent", "jurisdiction", "GB", "method", "agent-verbal"))
                .post(path(customer)).then().statusCode(400).body("detail", containsString("records nothing"));
    }

    @Test
    void consentChangesIsACompactedTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, ConsentLedger.TOPIC);
            await().atMost(WAIT).until(() -> TopicConfig.CLEANUP_POLICY_COMPACT.equals(admin.describeConfigs(List.of(topic)).all()
                    .get(10, TimeUnit.SECONDS).get(topic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
        }
    }

    @Test
    void badInputIsRefusedWithTheReasonAndOtherCustomersAreOutOfReach() {
        String customer = newCustomer();
        given().auth().oauth2(agent()).contentType("application/json")
                .body(Map.of("decisions", List.of(Map.of("purpose", "marketing", "status", "GRANTED",
                        "dataCategories", List.of("user.shoe_size"))), "channel", "web", "jurisdiction", "GB", "method", "web-form"))
                .post(path(customer)).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'user.shoe_size' is not a data category"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body(request("marketing", "DENIED", Instant.now().plusSeconds(60), "web", "web-form"))
                .post(path(customer)).then().statusCode(400).body("detail", containsString("only a grant can expire"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body(Map.of("decisions", List.of(Map.of("purpose", "Marketing!", "status", "MAYBE")), "channel", "fax",
                        "jurisdiction", "Britain", "method", "web-form"))
                .post(path(customer)).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItems("decisions[0].purpose", "decisions[0].status", "channel", "jurisdiction"));
        given().auth().oauth2(agent()).contentType("application/json").body(request("marketing", "GRANTED", null, "web", "web-form"))
                .post(path("cus_not-a-customer")).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.customerToken("mobile-app", newCustomer())).get(path(customer)).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("marketer-console", "marketer")).get(path(customer)).then().statusCode(403);
        given().auth().oauth2(agent()).get(path(customer)).then().statusCode(200).body("history", org.hamcrest.Matchers.empty());
    }

    private static Map<String, Object> request(String purpose, String status, Instant expiresAt, String channel, String method) {
        Map<String, Object> decision = new java.util.LinkedHashMap<>(Map.of("purpose", purpose, "status", status,
                "dataCategories", List.of("user.behavior.purchase_history")));
        if (expiresAt != null) {
            decision.put("expiresAt", expiresAt.toString());
        }
        return Map.of("decisions", List.of(decision), "channel", channel, "jurisdiction", "GB", "method", method,
                "notice", "privacy-notice-2026-10");
    }

    private static JsonNode published(String customer, String purpose, String status) throws Exception {
        ConsumerRecord<String, byte[]> record = TestKafka.await(ConsentLedger.TOPIC, r -> customer.equals(r.key())
                && status.equals(statusOf(r.value(), purpose)), WAIT);
        if (record == null) {
            return null;
        }
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("type").asText()).isEqualTo(ConsentLedger.TYPE);
        return event.get("data");
    }

    private static String statusOf(byte[] event, String purpose) {
        return field(event, "/data/consents/" + purpose + "/status");
    }

    private static String field(byte[] event, String pointer) {
        try {
            return JSON.readTree(event).at(pointer).asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String path(String customer) {
        return "/privacy/v1/customers/" + customer + "/consents";
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
}
