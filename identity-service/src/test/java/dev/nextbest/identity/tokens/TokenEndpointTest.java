package dev.nextbest.identity.tokens;

import dev.nextbest.identity.RealServers;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class TokenEndpointTest extends RealServers {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void issuesAPs256TokenWithTheStandardClaims() throws Exception {
        String[] client = register("agent-desktop", "agent");
        var answer = requestToken(client[0], client[1], Map.of()).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("scope", equalTo("agent"))
                .extract();
        String token = answer.path("access_token");

        JsonWebStructure header = JsonWebStructure.fromCompactSerialization(token);
        assertThat(header.getAlgorithmHeaderValue()).isEqualTo("PS256");
        assertThat(header.getKeyIdHeaderValue()).isEqualTo(TestTokens.ACTIVE_KEY);
        assertThat(header.getHeader("typ")).isEqualTo("at+jwt");

        JwtClaims claims = verifiedWithPublishedKeys(token);
        assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo(client[0]);
        assertThat(claims.getClaimValueAsString("client_id")).isEqualTo(client[0]);
        assertThat(claims.getStringListClaimValue("roles")).containsExactly("agent");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.hasClaim("customer_id")).isFalse();
    }

    @Test
    void aTokenOpensTheEndpointsOfItsRole() {
        String[] client = register("agent-desktop", "agent");
        String token = accessToken(client[0], client[1], Map.of());
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("identifiers", List.of(Map.of("type", "email", "value", "token.user@example.com"))))
                .post("/identity/v1/resolve").then().statusCode(200);
        given().auth().oauth2(token).get("/identity/v1/clients").then().statusCode(403);
    }

    @Test
    void acceptsFormCredentialsAsWellAsBasic() {
        String[] client = register("web-backend", "service");
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", client[0])
                .formParam("client_secret", client[1])
                .post("/identity/v1/oauth2/token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void aDeclaredClientGetsTokensWithTheSecretWhoseHashWasDeclared() {
        requestToken("declared-agent", "declared-agent-secret-for-tests-only", Map.of()).then()
                .statusCode(200).body("scope", equalTo("agent"));
    }

    @Test
    void refusesAWrongSecretAndAnUnknownClientAlike() {
        String[] client = register("mobile-app", "agent");
        for (var answer : List.of(requestToken(client[0], "not-the-secret", Map.of()),
                requestToken("no-such-client", "whatever", Map.of()))) {
            answer.then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Basic realm=\"nextbest\"")
                    .body("error", equalTo("invalid_client"))
                    .body("detail", equalTo("client authentication failed"));
        }
    }

    @Test
    void refusesOtherGrantTypesAndMissingCredentials() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .post("/identity/v1/oauth2/token").then()
                .statusCode(400).contentType("application/problem+json")
                .body("error", equalTo("unsupported_grant_type"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/identity/v1/oauth2/token").then()
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aScopeNarrowsTheRolesAndCannotWidenThem() {
        String[] client = register("console", "marketer", "privacy-officer");
        requestToken(client[0], client[1], Map.of("scope", "marketer")).then()
                .statusCode(200).body("scope", equalTo("marketer"));
        requestToken(client[0], client[1], Map.of("scope", "marketer admin")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void aChannelAppMustNameAnExistingCustomer() {
        String[] app = register("mobile-app", "channel-app");
        requestToken(app[0], app[1], Map.of()).then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        requestToken(app[0], app[1], Map.of("customer_id", "cus_00000000000000000000000000000000")).then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        requestToken(app[0], app[1], Map.of("customer_id", "alice@example.com")).then()
                .statusCode(400).body("detail", not(org.hamcrest.Matchers.containsString("alice")));

        String customer = newCustomer();
        String token = accessToken(app[0], app[1], Map.of("customer_id", customer));
        assertThat(claimsOf(token).getClaimValueAsString("customer_id")).isEqualTo(customer);
    }

    @Test
    void storesOnlyArgon2idHashesAtOwaspParameters() throws Exception {
        String[] client = register("hash-check", "agent");
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT secret_hash FROM api_client WHERE id = '" + client[0] + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(client[1]);
        }
        given().auth().oauth2(adminToken()).get("/identity/v1/clients/" + client[0]).then()
                .statusCode(200)
                .body("$", not(hasKey("secretHash")))
                .body("$", not(hasKey("clientSecret")));
    }

    @Test
    void publishesTheActiveAndPassiveKeysWithoutTheirPrivateParts() {
        given().get("/identity/v1/oauth2/jwks").then()
                .statusCode(200)
                .body("keys.kid", hasItems(TestTokens.ACTIVE_KEY, TestTokens.PASSIVE_KEY))
                .body("keys.alg", hasItems("PS256"))
                .body("keys[0]", not(hasKey("d")))
                .body("keys[1]", not(hasKey("d")));
    }

    @Test
    void publishesDiscoveryMetadata() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            given().get(path).then()
                    .statusCode(200)
                    .body("issuer", equalTo(TestTokens.ISSUER))
                    .body("token_endpoint", equalTo(TestTokens.ISSUER + "/identity/v1/oauth2/token"))
                    .body("jwks_uri", equalTo(TestTokens.ISSUER + "/identity/v1/oauth2/jwks"))
                    .body("grant_types_supported", hasItems("client_credentials"));
        }
    }

    private static JwtClaims verifiedWithPublishedKeys(String token) throws Exception {
        JsonWebKeySet published = new JsonWebKeySet(given().get("/identity/v1/oauth2/jwks").asString());
        JsonWebStructure jws = JsonWebStructure.fromCompactSerialization(token);
        PublicJsonWebKey key = (PublicJsonWebKey) published.findJsonWebKey(jws.getKeyIdHeaderValue(), "RSA", "sig", "PS256");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key.getPublicKey())
                .setExpectedIssuer(TestTokens.ISSUER)
                .setExpectedAudience(TestTokens.AUDIENCE)
                .setRequireJwtId()
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .build();
        return consumer.processToClaims(token);
    }

    private static JwtClaims claimsOf(String token) {
        try {
            return verifiedWithPublishedKeys(token);
        } catch (Exception e) {
            throw new AssertionError("the issued token does not verify", e);
        }
    }
}
