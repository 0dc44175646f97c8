package dev.nextbest.identity.tokens;

import dev.nextbest.identity.IdentityConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token signing keys: a JSON Web Key Set of RSA private keys (2048 bits or more) used with PS256
 * (RSASSA-PSS), each with its "kid", given as configuration ({@code nextbest.identity.signing.keys}, a
 * Kubernetes Secret in production). PS256 rather than ES256: every request to every service verifies a
 * token, and on the JDK an RSA verification takes about 0.04 ms where an ECDSA P-256 one takes over 1 ms
 * (docs/benchmarks.md). The key named by {@code nextbest.identity.signing.active-key} signs new tokens; the
 * others are passive: they sign nothing but stay in the published JWKS, so that tokens they signed still
 * verify until they expire. Rotation: add a key, make it active, remove the old one once the longest token
 * lifetime has passed. Messages name key ids, never key material.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    public static final String ALGORITHM = "PS256";
    static final int MIN_KEY_BITS = 2048;

    private final String activeKeyId;
    private final Map<String, PublicJsonWebKey> keys;
    private final String publicJwks;

    @Inject
    public SigningKeys(IdentityConfig config) {
        this(config.signing().keys(), config.signing().activeKey());
    }

    /** @param jwks the keys, private parts included; @param activeKeyId the one that signs */
    public SigningKeys(String jwks, String activeKeyId) {
        this.keys = parse(jwks);
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active signing key '" + activeKeyId
                    + "' is not among the configured keys " + keys.keySet()
                    + "; set nextbest.identity.signing.active-key (NEXTBEST_IDENTITY_SIGNING_ACTIVE_KEY)");
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
            if (!(entry instanceof RsaJsonWebKey rsa) || rsa.getPrivateKey() == null
                    || rsa.getRsaPublicKey().getModulus().bitLength() < MIN_KEY_BITS) {
                throw new IllegalArgumentException("signing key '" + keyId + "' is not an RSA private key of at least "
                        + MIN_KEY_BITS + " bits (PS256)");
            }
            if (entry.getAlgorithm() != null && !ALGORITHM.equals(entry.getAlgorithm())) {
                throw new IllegalArgumentException("signing key '" + keyId + "' names an algorithm other than PS256");
            }
            rsa.setAlgorithm(ALGORITHM);
            rsa.setUse("sig");
            if (keys.put(keyId, rsa) != null) {
                throw new IllegalArgumentException("signing key '" + keyId + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no signing keys are configured: set nextbest.identity.signing.keys");
        }
        return keys;
    }
}
