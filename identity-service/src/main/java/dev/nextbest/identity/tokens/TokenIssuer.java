package dev.nextbest.identity.tokens;

import dev.nextbest.identity.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Signs access tokens (PS256) in the JWT profile for OAuth 2.0 access tokens (RFC 9068): header "typ: at+jwt" and
 * the signing key's "kid"; claims iss, aud, sub and client_id (the client), iat, exp, jti, "roles", and
 * "customer_id" when the token may act for one customer only.
 */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    public TokenIssuer(SigningKeys keys, IdentityConfig config) {
        this.keys = keys;
        this.issuer = config.tokens().issuer();
        this.audience = config.tokens().audience();
        this.lifetime = config.tokens().lifetime();
    }

    public String issuer() {
        return issuer;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A token signed by the active key. */
    public String issue(String clientId, Set<String> roles, Optional<String> customerId) {
        return sign(clientId, roles, customerId, keys.activeKeyId());
    }

    /** A token signed by the given key; only the active key signs in normal operation. */
    String sign(String clientId, Set<String> roles, Optional<String> customerId, String keyId) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(clientId);
        claims.setClaim("client_id", clientId);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringListClaim("roles", List.copyOf(roles));
        customerId.ifPresent(id -> claims.setClaim("customer_id", id));

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.privateKey(keyId));
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(SigningKeys.ALGORITHM);
        jws.setHeader("typ", "at+jwt");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign an access token with key '" + keyId + "'", e);
        }
    }
}
