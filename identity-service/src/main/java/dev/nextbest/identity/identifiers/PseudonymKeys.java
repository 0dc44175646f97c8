package dev.nextbest.identity.identifiers;

import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned secret keys for pseudonymising identifiers, parsed from {@code "1:<base64>,2:<base64>"}.
 * Kept in configuration (a Kubernetes Secret, an environment variable), never with the data they protect.
 * Error messages name versions, never key material.
 */
public record PseudonymKeys(int activeVersion, Map<Integer, byte[]> keys) {

    /** HMAC-SHA256 keys shorter than the hash add no strength. */
    static final int MIN_KEY_BYTES = 32;

    public PseudonymKeys {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no pseudonymisation keys are configured");
        }
        if (!keys.containsKey(activeVersion)) {
            throw new IllegalArgumentException("the active pseudonymisation key version " + activeVersion
                    + " is not among the configured versions " + keys.keySet());
        }
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public static PseudonymKeys parse(String spec, int activeVersion) {
        Map<Integer, byte[]> keys = new TreeMap<>();
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no pseudonymisation keys are configured: set "
                    + "nextbest.identity.pseudonym.keys (NEXTBEST_IDENTITY_PSEUDONYM_KEYS) to '1:<base64 key>'");
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            int version;
            try {
                version = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a pseudonymisation key entry does not start with a version number");
            }
            byte[] key;
            try {
                key = parts.length == 2 ? Base64.getDecoder().decode(parts[1].strip()) : new byte[0];
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pseudonymisation key version " + version + " is not base64");
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("pseudonymisation key version " + version + " is shorter than "
                        + MIN_KEY_BYTES + " bytes");
            }
            if (keys.put(version, key) != null) {
                throw new IllegalArgumentException("pseudonymisation key version " + version + " is given twice");
            }
        }
        return new PseudonymKeys(activeVersion, keys);
    }
}
