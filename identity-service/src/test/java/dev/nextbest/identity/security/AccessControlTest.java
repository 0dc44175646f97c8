package dev.nextbest.identity.security;

import dev.nextbest.identity.RealServers;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.nextbest.identity.clients.ApiClientFixtures.accessToken;
import static dev.nextbest.identity.clients.ApiClientFixtures.adminToken;
import static dev.nextbest.identity.clients.ApiClientFixtures.newCustomer;
import static dev.nextbest.identity.clients.ApiClientFixtures.register;
import static dev.nextbest.identity.clients.ApiClientFixtures.requestToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The identity-service half of the security suite, against the running service with tokens from its own
 * token endpoint: revocation, customer scope, roles, rate limits. (The forged-token half, which every
 * service passes, is in ServiceContract.)
 */
@QuarkusTest
class AccessControlTest extends RealServers {

    @Test
    void aRevokedClientsTokensAreRefusedAtOnceAndItGetsNoNewOnes() {
        String[] client = register("revoked-desktop", "agent");
        String token = accessToken(client[0], client[1], Map.of());
        String customer = newCustomer();
        given().auth().oauth2(token).get("/identity/v1/customers/" + customer).then().statusCode(200);

        given().auth().oauth2(adminToken()).post("/identity/v1/clients/" + client[0] + "/revoke").then()
                .statusCode(200).body("revokedAt", notNullValue());

        given().auth().oauth2(token).get("/identity/v1/customers/" + customer).then()
                .statusCode(401).contentType("application/problem+json");
        requestToken(client[0], client[1], Map.of()).then()
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aReplacedSecretStopsWorkingAndTheNewOneWorks() {
        String[] client = register("rotating-desktop", "agent");
        String newSecret = given().auth().oauth2(adminToken()).post("/identity/v1/clients/" + client[0] + "/secret")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().path("clientSecret");
        assertThat(newSecret).isNotEqualTo(client[1]);
        requestToken(client[0], client[1], Map.of()).then().statusCode(401);
        requestToken(client[0], newSecret, Map.of()).then().statusCode(200);
    }

    @Test
    void aChannelAppMaySeeItsOwnCustomerOnly() {
        String[] app = register("web-app", "channel-app");
        String own = newCustomer();
        String other = newCustomer();
        String token = accessToken(app[0], app[1], Map.of("customer_id", own));

        given().auth().oauth2(token).get("/identity/v1/customers/" + own).then().statusCode(200)
                .body("id", equalTo(own));
        given().auth().oauth2(token).get("/identity/v1/customers/" + other).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aChannelAppTokenWithoutACustomerSeesNoCustomer() {
        // Not one identity-service issues (it requires customer_id), but a token from another provider might be.
        String token = TestTokens.token("foreign-app", "channel-app");
        given().auth().oauth2(token).get("/identity/v1/customers/" + newCustomer()).then().statusCode(403);
    }

    @Test
    void aCustomerScopedClientCannotCallAdminEndpoints() {
        String[] app = register("mobile-app", "channel-app");
        String token = accessToken(app[0], app[1], Map.of("customer_id", newCustomer()));
        given().auth().oauth2(token).get("/identity/v1/clients").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("id", "sneaky-admin", "name", "Sneaky", "roles", List.of("admin")))
                .post("/identity/v1/clients").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("identifiers", List.of(Map.of("type", "email", "value", "someone@example.com"))))
                .post("/identity/v1/resolve").then().statusCode(403);
    }

    @Test
    void aBurstOfTokenRequestsBeyondTheLimitIsRefused() {
        String[] client = register("bursty-desktop", "agent");
        // 5 a minute in tests: within 11 requests the limit is passed even if a window boundary falls inside.
        Response refused = firstRefused(11, () -> requestToken(client[0], client[1], Map.of()));
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void aBurstOfResolutionsBeyondTheLimitIsRefused() {
        String token = TestTokens.token("bursty-resolver", "agent");
        // 100 in 10 seconds in tests: within 201 requests the limit is passed even across a window boundary,
        // as long as they take under 20 seconds.
        Response refused = firstRefused(201, () -> given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("identifiers", List.of(Map.of("type", "cookie_id", "value", "burst-cookie-1"))))
                .post("/identity/v1/resolve"));
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }

    private static Response firstRefused(int attempts, java.util.function.Supplier<Response> request) {
        for (int i = 0; i < attempts; i++) {
            Response response = request.get();
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(200);
        }
        throw new AssertionError("no request of " + attempts + " was refused");
    }
}
