package dev.nextbest.identity;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * identity-service's own settings ({@code nextbest.identity.*}); resolution rules and rate limits have
 * mappings of their own ({@code nextbest.identity.rules}, {@code nextbest.identity.rate-limits}).
 */
@ConfigMapping(prefix = "nextbest.identity")
public interface IdentityConfig {

    /** How long a customer stays in the Redis cache after it was read. */
    Duration customerCacheTtl();

    /** How long a pseudonym's customer stays in the Redis cache. */
    Duration identifierCacheTtl();

    /** The region a phone number without a country code is read in (ISO 3166, e.g. GB). */
    String defaultPhoneRegion();

    /** A resolution that would join more customers than this into one is refused and flagged for review. */
    int maxCustomersPerMerge();

    Pseudonym pseudonym();

    Signing signing();

    Tokens tokens();

    Clients clients();

    /** The keys identifiers are pseudonymised with: "version:base64" entries, comma-separated. */
    interface Pseudonym {
        String keys();

        int activeVersion();
    }

    /** The platform's token signing keys (a JWKS with private parts) and the one that signs. */
    interface Signing {
        String keys();

        String activeKey();
    }

    interface Tokens {
        String issuer();

        String audience();

        Duration lifetime();
    }

    /** A file of API clients declared at start (id, name, roles, secret hash). */
    interface Clients {
        Optional<Path> file();
    }
}
