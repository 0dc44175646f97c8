package dev.nextbest.profile.intake;

import dev.nextbest.local.testing.IdentityServiceProcess;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Events that name their customer by raw identifiers, resolved by the real identity-service (its built
 * application, in a process of its own, on the same servers): an anonymous visitor's browsing, a newsletter
 * sign-up and a later login land on one profile, and no identifier is stored here.
 */
@QuarkusTest
@WithTestResource(value = IdentityServiceProcess.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RawIdentifiersTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeEach
    void identityServiceIsBuilt() {
        assumeTrue(IdentityServiceProcess.url().isPresent(),
                "identity-service is not built (build the whole project: ./mvnw verify)");
    }

    @Test
    void anAnonymousVisitorWhoLaterLogsInHasOneProfileAndNoIdentifierIsStored() throws Exception {
        String cookie = "c-" + UUID.randomUUID();
        String email = "visitor-" + UUID.randomUUID() + "@example.com";
        given().auth().oauth2(agent()).contentType("application/cloudevents-batch+json").body("["
                        + event("2026-11-22T18:00:00Z", "{\"channel\":\"web\",\"kind\":\"page-view\",\"attributes\":{\"category\":\"tv\"},"
                        + "\"identifiers\":[{\"type\":\"cookie_id\",\"value\":\"" + cookie + "\"}]}") + ","
                        + event("2026-11-22T18:02:00Z", "{\"channel\":\"web\",\"kind\":\"newsletter-signup\","
                        + "\"identifiers\":[{\"type\":\"cookie_id\",\"value\":\"" + cookie + "\"},{\"type\":\"email\",\"value\":\"" + email + "\"}]}")
                        + "]")
                .post("/profile/v1/events").then().statusCode(202).body("accepted", equalTo(2));
        given().auth().oauth2(agent()).contentType("application/cloudevents+json")
                .body(event("2026-11-23T08:00:00Z", "{\"channel\":\"app\",\"kind\":\"login\","
                        + "\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\",\"verified\":true}]}"))
                .post("/profile/v1/events").then().statusCode(202).body("accepted", equalTo(1));

        String customer = customerIdOf(email);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(agent())
                .get("/profile/v1/customers/{id}/interactions", customer).then().statusCode(200)
                .body("interactions.kind", contains("login", "newsletter-signup", "page-view")));
        assertThat(rowsMentioning(cookie) + rowsMentioning(email)).as("rows of this service holding an identifier").isZero();
    }

    @Test
    void identifiersThatIdentityServiceRefusesAreReportedWithItsReasonAndNotEchoed() {
        given().auth().oauth2(agent()).contentType("application/cloudevents+json")
                .body(event("2026-11-22T18:00:00Z", "{\"channel\":\"web\",\"kind\":\"page-view\","
                        + "\"identifiers\":[{\"type\":\"email\",\"value\":\"null\"}]}"))
                .post("/profile/v1/events").then().statusCode(400)
                .body("rejected[0].reason", org.hamcrest.Matchers.containsString("identity-service refused its identifiers"));
    }

    /** identity-service's answer for the verified email, asked as the agent desktop. */
    private static String customerIdOf(String email) {
        String url = IdentityServiceProcess.url().orElseThrow();
        String token = given().auth().preemptive().basic("agent-desktop", IdentityServiceProcess.clientSecret("agent-desktop"))
                .formParam("grant_type", "client_credentials").post(url + "/identity/v1/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\",\"verified\":true}]}")
                .post(url + "/identity/v1/resolve").then().statusCode(200).extract().path("customerId");
    }

    private long rowsMentioning(String value) throws Exception {
        long total = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            for (String table : new String[] {"interaction", "profile", "applied_event", "outbox_event"}) {
                String where = "outbox_event".equals(table) ? "position(convert_to(?, 'UTF8') in t.payload) > 0"
                        : "t::text like '%' || ? || '%'";
                try (PreparedStatement s = c.prepareStatement("select count(*) from " + table + " t where " + where)) {
                    s.setString(1, value);
                    try (ResultSet rows = s.executeQuery()) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
        }
        return total;
    }

    private static String event(String time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/channels/web\","
                + "\"type\":\"dev.nextbest.customer.interaction.v1\",\"time\":\"" + time + "\",\"data\":" + data + "}";
    }

    private static String agent() {
        return TestTokens.token("agent-desktop", "agent");
    }
}
