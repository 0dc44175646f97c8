package dev.nextbest.identity.clients;

import dev.nextbest.local.testing.TestTokens;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers clients through the admin API and asks the token endpoint for their tokens, as a user would. */
public final class ApiClientFixtures {

    private ApiClientFixtures() {
    }

    public static String adminToken() {
        return TestTokens.token("test-admin", "admin");
    }

    /** A new client with a fresh id; returns {id, secret}. */
    public static String[] register(String prefix, String... roles) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = given().auth().oauth2(adminToken()).contentType("application/json")
                .body(Map.of("id", id, "name", "Test client " + id, "roles", List.of(roles)))
                .post("/identity/v1/clients")
                .then().statusCode(201)
                .extract().path("clientSecret");
        return new String[] {id, secret};
    }

    /** The token endpoint's answer to a client_secret_basic request with the given extra form fields. */
    public static Response requestToken(String clientId, String secret, Map<String, String> form) {
        var request = given().auth().preemptive().basic(clientId, secret)
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials");
        form.forEach(request::formParam);
        return request.post("/identity/v1/oauth2/token");
    }

    public static String accessToken(String clientId, String secret, Map<String, String> form) {
        return requestToken(clientId, secret, form).then().statusCode(200).extract().path("access_token");
    }

    /** A new pseudonymous customer id. */
    public static String newCustomer() {
        return given().auth().oauth2(TestTokens.token("test-service", "service")).contentType("application/json")
                .body(Map.of("kind", "CUSTOMER")).post("/identity/v1/customers")
                .then().statusCode(201).extract().path("id");
    }
}
