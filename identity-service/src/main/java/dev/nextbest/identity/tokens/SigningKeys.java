package dev.nextbest.identity.tokens;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token signing keys: a JSON Web Key Set of EC P-256 private keys (ES256), each with its "kid", given as
 * configuration ({@code nextbest.identity.signing.keys}, a Kubernetes Secret in production). The key named by
 * {@code nextbest.identity.signing.active-key} signs new tokens; the others are passive: they sign nothing,
 * but stay in the published JWKS so that tokens they signed still verify until those expire. Rotation: add
 * a new key, make it active, and remove the old one once the longest token lifetime has passed.
 * Error messages name key ids, never key material.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    public static final String ALGORITHM = "ES256";

    private final String activeKeyId;
    private final Map<String, PublicJsonWebKey> keys;
    private final String publicJwks;

    public SigningKeys(@ConfigProperty(name = "nextbest.identity.signing.keys") String jwks,
                       @ConfigProperty(name = "nextbest.identity.signing.active-key") String activeKeyId) {
        this.keys = parse(jwks);
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active signing key '" + activeKeyId
                    + "' is not among the configured keys " + keys.keySet());
        }
        this.activeKeyId = activeKeyId;
        this.publicJwks = new JsonWebKeySet(List.copyOf(keys.values()))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public PrivateKey privateKey(String keyId) {
        PublicJsonWebKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no signing key '" + keyId + "'");
        }
        return key.getPrivateKey();
    }

    /** Every key's public half, as served at the JWKS endpoint. */
    public String publicJwks() {
        return publicJwks;
    }

    private static Map<String, PublicJsonWebKey> parse(String jwks) {
        List<JsonWebKey> entries;
        try {
            entries = new JsonWebKeySet(jwks).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("nextbest.identity.signing.keys is not a JSON Web Key Set");
        }
        Map<String, PublicJsonWebKey> keys = new LinkedHashMap<>();
        for (JsonWebKey entry : entries) {
            String keyId = entry.getKeyId();
            if (keyId == null || keyId.isBlank()) {
                throw new IllegalArgumentException("every signing key needs a key id (\"kid\")");
            }
            if (!(entry instanceof EllipticCurveJsonWebKey ec)
                    || !EllipticCurves.P_256.equals(ec.getCurveName()) || ec.getPrivateKey() == null) {
                throw new IllegalArgumentException("signing key '" + keyId + "' is not an EC P-256 private key (ES256)");
            }
            if (entry.getAlgorithm() != null && !ALGORITHM.equals(entry.getAlgorithm())) {
                throw new IllegalArgumentException("signing key '" + keyId + "' names an algorithm other than ES256");
            }
            ec.setAlgorithm(ALGORITHM);
            ec.setUse("sig");
            if (keys.put(keyId, ec) != null) {
                throw new IllegalArgumentException("signing key '" + keyId + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no signing keys are configured: set nextbest.identity.signing.keys");
        }
        return keys;
    }
}
