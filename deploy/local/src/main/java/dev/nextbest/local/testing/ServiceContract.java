package dev.nextbest.local.testing;

import dev.nextbest.local.servers.ManagedServer;
import io.restassured.response.ValidatableResponse;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service of the platform must do, whatever its business: report readiness that really
 * follows PostgreSQL, Redis and Kafka, stay live while they are down, serve its OpenAPI document,
 * Swagger UI and Prometheus metrics, and answer an unknown path with problem+json. And refuse, on a
 * business endpoint, every token that is not a valid one of the platform's issuer: none, unsigned, signed
 * with HS256 keyed by the public key, for another audience or issuer, expired, signed with another algorithm
 * (RS256, ES256), signed by a key the issuer does not publish (a removed key, or one a "jku" or "jwk" header points at), or without the right role.
 *
 * <p>A service's test extends this class and adds {@code @QuarkusTest}.
 */
public abstract class ServiceContract {

    private static final Duration NOTICE = Duration.ofSeconds(45);
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    /** The path prefix of the service's API, e.g. "/profile/v1", which its OpenAPI document must describe. */
    protected abstract String apiPrefix();

    /** A GET business endpoint that a valid token with {@link #allowedRole()} gets a 200 from. */
    protected abstract String protectedPath();

    /** A role the protected endpoint admits. */
    protected abstract String allowedRole();

    /** A role the protected endpoint refuses. */
    protected abstract String refusedRole();

    @Test
    void admitsAValidTokenWithTheRightRole() {
        withToken(TestTokens.token("contract-test", allowedRole())).statusCode(200);
    }

    @Test
    void admitsATokenSignedByThePassiveKey() {
        withToken(TestTokens.sign(TestTokens.claims("contract-test", allowedRole()), TestTokens.PASSIVE_KEY))
                .statusCode(200);
    }

    @Test
    void refusesARequestWithoutAToken() {
        assertRefused(given().accept("application/json").get(protectedPath()).then());
    }

    @Test
    void refusesAnUnsignedToken() {
        assertRefused(TestTokens.sign(validClaims(), null, TestTokens.ACTIVE_KEY, AlgorithmIdentifiers.NONE, Map.of()));
    }

    @Test
    void refusesAnHs256TokenKeyedWithThePublicKey() {
        HmacKey publicKeyAsSecret = new HmacKey(TestTokens.publicJwk(TestTokens.ACTIVE_KEY).getBytes(StandardCharsets.UTF_8));
        assertRefused(TestTokens.sign(validClaims(), publicKeyAsSecret, TestTokens.ACTIVE_KEY,
                AlgorithmIdentifiers.HMAC_SHA256, Map.of()));
    }

    @Test
    void refusesAnRs256TokenEvenWithTheRightKey() {
        assertRefused(TestTokens.sign(validClaims(), TestTokens.privateKey(TestTokens.ACTIVE_KEY), TestTokens.ACTIVE_KEY,
                AlgorithmIdentifiers.RSA_USING_SHA256, Map.of()));
    }

    @Test
    void refusesAnEs256Token() throws Exception {
        EllipticCurveJsonWebKey other = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertRefused(TestTokens.sign(validClaims(), other.getPrivateKey(), TestTokens.ACTIVE_KEY,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, Map.of()));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        JwtClaims claims = validClaims();
        claims.setAudience("another-api");
        assertRefused(TestTokens.sign(claims, TestTokens.ACTIVE_KEY));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        JwtClaims claims = validClaims();
        claims.setIssuer("https://issuer.example");
        assertRefused(TestTokens.sign(claims, TestTokens.ACTIVE_KEY));
    }

    @Test
    void refusesAnExpiredToken() {
        JwtClaims claims = validClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 300));
        assertRefused(TestTokens.sign(claims, TestTokens.ACTIVE_KEY));
    }

    @Test
    void refusesATokenSignedByARemovedKey() throws Exception {
        RsaJsonWebKey removed = RsaJwkGenerator.generateJwk(2048);
        assertRefused(TestTokens.sign(validClaims(), removed.getPrivateKey(), "test-key-0",
                AlgorithmIdentifiers.RSA_PSS_USING_SHA256, Map.of()));
    }

    @Test
    void refusesATokenWhoseJkuHeaderPointsAtAnotherKeySet() throws Exception {
        RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
        assertRefused(TestTokens.sign(validClaims(), attacker.getPrivateKey(), "attacker-key",
                AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                Map.of("jku", "https://attacker.example/jwks.json", "x5u", "https://attacker.example/cert.pem")));
    }

    @Test
    void refusesATokenCarryingItsOwnKeyInAJwkHeader() throws Exception {
        RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
        assertRefused(TestTokens.sign(validClaims(), attacker.getPrivateKey(), null,
                AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                Map.of("jwk", attacker.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
    }

    @Test
    void refusesAValidTokenWithoutTheRightRole() {
        withToken(TestTokens.token("contract-test", refusedRole()))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("roles"));
    }

    @Test
    void refusesTheTokensOfAClientRevokedInIdentityService() {
        String clientId = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.token(clientId, allowedRole());
        withToken(token).statusCode(200);

        TestKafka.send("api-client-revocations", clientId, revocation("dev.nextbest.identity.client-revoked.v1",
                "{\"clientId\":\"" + clientId + "\",\"revokedAt\":\"" + Instant.now() + "\"}"));

        await("the revocation reaches the service").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).get(protectedPath()).statusCode() == 401);
        assertRefused(token);
        withToken(TestTokens.token("another-client", allowedRole())).statusCode(200);
    }

    @Test
    void deadLettersARevocationItCannotRead() {
        String marker = UUID.randomUUID().toString();
        TestKafka.send("api-client-revocations", marker, revocation("dev.nextbest.identity.client-revoked.v1",
                "{\"clientId\":\"NOT A CLIENT ID\"}"));
        String deadLetters = apiPrefix().split("/")[1] + "-service.api-client-revocations.dlq";
        var dead = TestKafka.await(deadLetters, record -> marker.equals(record.key()), Duration.ofSeconds(30));
        if (dead == null || !TestKafka.header(dead, "dead-letter-reason").contains("no valid clientId")) {
            throw new AssertionError("the unreadable revocation is not on " + deadLetters + " with its reason");
        }
    }

    private static byte[] revocation(String type, String data) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/identity-service\","
                + "\"type\":\"" + type + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private JwtClaims validClaims() {
        return TestTokens.claims("contract-test", allowedRole());
    }

    private ValidatableResponse withToken(String token) {
        return given().accept("application/json").auth().oauth2(token).get(protectedPath()).then();
    }

    private void assertRefused(String token) {
        assertRefused(withToken(token));
    }

    private static void assertRefused(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void isReadyWhenPostgresRedisAndKafkaAnswer() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void isNotReadyWhilePostgresIsDown() {
        assertNotReadyWhileStopped(SharedServers.get().postgres());
    }

    @Test
    void isNotReadyWhileRedisIsDown() {
        assertNotReadyWhileStopped(SharedServers.get().redis());
    }

    @Test
    void isNotReadyWhileKafkaIsDown() {
        assertNotReadyWhileStopped(SharedServers.get().kafka());
    }

    @Test
    void servesItsOpenApiDocumentAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."))
                .body("paths.keySet()", hasItem(startsWith(apiPrefix())));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }

    @Test
    void servesPrometheusMetrics() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void answersAnUnknownPathWithProblemJson() {
        given().accept("application/json").get(apiPrefix() + "/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    /** Stops the server, expects readiness DOWN (and liveness still UP), starts it again, expects UP. */
    private static void assertNotReadyWhileStopped(ManagedServer server) {
        server.stop();
        try {
            await(server.name() + " down is noticed").atMost(NOTICE).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            given().get("/q/health/ready").then().body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            server.start();
        }
        await(server.name() + " back is noticed").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
