package dev.nextbest.nba.agent;

import dev.nextbest.local.testing.IdentityServiceProcess;
import dev.nextbest.nba.RealServers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The agent desktop's view of a caller known only by their phone number: identity-service (the real one, as
 * a process) resolves it; profile-service is not running here, so the view falls back to the local snapshot
 * and says so.
 */
@QuarkusTest
@WithTestResource(value = IdentityServiceProcess.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CallerOnTheLineTest extends RealServers {

    @BeforeEach
    void identityServiceIsBuilt() {
        assumeTrue(IdentityServiceProcess.url().isPresent(),
                "identity-service is not built (build the whole project: ./mvnw verify)");
        apply(settings());
    }

    @Test
    void aCallerKnownByTheirPhoneNumberGetsTheirActionsAndProfile() {
        String placement = newPlacement();
        String offer = key("retention-call");
        live(offer, definition("Retention call", placement));
        String phone = "+4420794" + (10000 + (int) (Math.random() * 89999));
        Map<String, Object> request = Map.of("customer", Map.of("identifier", Map.of("type", "phone", "value", phone)),
                "channel", "agent", "placement", placement);

        String customer = decide(agent(), request).statusCode(200).extract().path("customerId");
        assertThat(customer).startsWith("cus_");
        assertThat(decide(agent(), request).statusCode(200).extract().<String>path("customerId"))
                .as("the same caller again").isEqualTo(customer);

        snapshot(customer, Map.of("attributes", Map.of("tier", "gold")));
        JsonPath view = given().auth().oauth2(agent()).contentType("application/json").body(json(request))
                .post("/nba/v1/agent-view").then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("customerId")).isEqualTo(customer);
        assertThat(view.getString("profileSource")).isEqualTo("snapshot");
        assertThat(view.getString("profile.attributes.tier")).isEqualTo("gold");
        assertThat(view.getList("decision.actions.actionKey", String.class)).containsExactly(offer);
    }

    @Test
    void anIdentifierIdentityServiceRefusesIsTheCallersMistake() {
        Map<String, Object> request = Map.of("customer", Map.of("identifier", Map.of("type", "phone", "value", "not a phone")),
                "channel", "agent");
        decide(agent(), request).statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("identity-service refused the customer identifier"));
        given().auth().oauth2(marketer()).contentType("application/json").body(json(Map.of("customer",
                Map.of("id", newCustomer()), "channel", "agent"))).post("/nba/v1/agent-view").then().statusCode(403);
    }

    @Test
    void aCustomerTheProfileServiceCannotShowIsSaidToBeUnavailable() {
        JsonPath view = given().auth().oauth2(agent()).contentType("application/json")
                .body(json(Map.of("customer", Map.of("id", newCustomer()), "channel", "agent")))
                .post("/nba/v1/agent-view").then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("profileSource")).isEqualTo("unavailable");
        assertThat(view.getString("profile")).isNull();
        assertThat(view.getString("decision.decisionId")).isNotNull();
    }
}
