package dev.nextbest.identity.identifiers;

import dev.nextbest.identity.IdentityConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a normalised identifier into a keyed pseudonym: HMAC-SHA256 over its type and value with a
 * versioned secret key, written {@code v<version>.<base64url>}. Without the key the pseudonym cannot be
 * reversed or recomputed from a guessed identifier (an unkeyed hash could). Identifiers are stored only
 * in this form.
 *
 * <p>Key rotation: add a new version and make it active. New identifiers are stored under it; lookups try
 * every configured version, so identifiers stored under older versions are still found.
 */
@ApplicationScoped
@Startup // fail at start, not at the first request, when the keys are missing or malformed
public class Pseudonymiser {

    private static final String ALGORITHM = "HmacSHA256";

    private final PseudonymKeys keys;

    @Inject
    public Pseudonymiser(IdentityConfig config) {
        this(config.pseudonym().keys(), config.pseudonym().activeVersion());
    }

    /** @param keys "version:base64" entries, comma-separated; @param activeVersion the one new pseudonyms use */
    public Pseudonymiser(String keys, int activeVersion) {
        this(PseudonymKeys.parse(keys, activeVersion));
    }

    Pseudonymiser(PseudonymKeys keys) {
        this.keys = keys;
    }

    /** The pseudonym under the active key: how a new identifier is stored. */
    public String pseudonym(IdentifierType type, String normalisedValue) {
        return pseudonym(keys.activeVersion(), type, normalisedValue);
    }

    /** The pseudonym under every configured key, the active one first: how an identifier is looked up. */
    public List<String> lookupPseudonyms(IdentifierType type, String normalisedValue) {
        return Stream.concat(
                        Stream.of(keys.activeVersion()),
                        keys.keys().keySet().stream().filter(v -> v != keys.activeVersion()))
                .map(version -> pseudonym(version, type, normalisedValue))
                .toList();
    }

    public int activeVersion() {
        return keys.activeVersion();
    }

    private String pseudonym(int version, IdentifierType type, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keys.keys().get(version), ALGORITHM));
            // The type is part of the input, so that one value under two types gives unrelated pseudonyms.
            mac.update(type.wire().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8));
            return "v" + version + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
