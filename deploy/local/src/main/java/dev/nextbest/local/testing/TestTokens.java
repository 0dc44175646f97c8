package dev.nextbest.local.testing;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.security.Key;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The token issuer of the services' tests: two RSA keys made for the test run (PS256) and the issuer
 * and audience every service is configured with in tests. identity-service signs with them (its active key
 * "test-key-2", passive "test-key-1"); the other services verify with their public halves. Tests mint tokens
 * here exactly as identity-service shapes them (RFC 9068), and forge bad ones to see them refused.
 */
public final class TestTokens {

    public static final String ISSUER = "http://identity.test";
    public static final String AUDIENCE = "nextbest";
    public static final String ACTIVE_KEY = "test-key-2";
    public static final String PASSIVE_KEY = "test-key-1";

    /** Two RSA keys made once per test JVM: the tests and the services under test share it. */
    private static final JsonWebKeySet KEYS = new JsonWebKeySet(newKey(PASSIVE_KEY), newKey(ACTIVE_KEY));
    private static final String PRIVATE_JWKS = KEYS.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);

    private TestTokens() {
    }

    /** Test configuration for every service: verify with the test keys, and (identity-service) sign with them. */
    public static Map<String, String> quarkusConfig() {
        return Map.of(
                "mp.jwt.verify.publickey", KEYS.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE,
                "nextbest.identity.tokens.issuer", ISSUER,
                "nextbest.identity.tokens.audience", AUDIENCE,
                "nextbest.identity.signing.keys", PRIVATE_JWKS,
                "nextbest.identity.signing.active-key", ACTIVE_KEY);
    }

    /** A valid token of the given client with the given roles, signed by the active key. */
    public static String token(String clientId, String... roles) {
        return sign(claims(clientId, roles), ACTIVE_KEY);
    }

    /** A valid channel-app token acting for one customer. */
    public static String customerToken(String clientId, String customerId) {
        JwtClaims claims = claims(clientId, "channel-app");
        claims.setClaim("customer_id", customerId);
        return sign(claims, ACTIVE_KEY);
    }

    /** "Bearer " and a token: the Authorization header value. */
    public static String bearer(String clientId, String... roles) {
        return "Bearer " + token(clientId, roles);
    }

    /** The claims identity-service writes, valid for five minutes from now; tests may spoil them. */
    public static JwtClaims claims(String clientId, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(clientId);
        claims.setClaim("client_id", clientId);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringListClaim("roles", List.of(roles));
        return claims;
    }

    /** Signs claims with one of the two test keys, PS256, as identity-service does. */
    public static String sign(JwtClaims claims, String keyId) {
        PublicJsonWebKey key = (PublicJsonWebKey) KEYS.findJsonWebKey(keyId, null, null, null);
        if (key == null) {
            throw new IllegalArgumentException("no test key " + keyId);
        }
        return sign(claims, key.getPrivateKey(), keyId, AlgorithmIdentifiers.RSA_PSS_USING_SHA256, Map.of());
    }

    /** Signs with any key, algorithm and extra headers: for forging tokens that must be refused. */
    public static String sign(JwtClaims claims, Key key, String keyId, String algorithm, Map<String, Object> headers) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        jws.setHeader("typ", "at+jwt");
        headers.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
        if (key != null) {
            jws.setKey(key);
        }
        jws.setDoKeyValidation(false);
        if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    /** The private half of a test key, e.g. to sign with it using an algorithm the services refuse. */
    public static java.security.PrivateKey privateKey(String keyId) {
        return ((PublicJsonWebKey) KEYS.findJsonWebKey(keyId, null, null, null)).getPrivateKey();
    }

    /** The public half of a test key, e.g. to forge an HS256 token keyed with it. */
    public static String publicJwk(String keyId) {
        return KEYS.findJsonWebKey(keyId, null, null, null).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static RsaJsonWebKey newKey(String keyId) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate a test key", e);
        }
    }
}
