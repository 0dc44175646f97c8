package dev.nextbest.profile.identity;

import dev.nextbest.profile.interactions.CustomerIds;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** The identity-changes events this service acts on, as identity-service documents them. */
final class IdentityEvents {

    static final String CUSTOMER_REGISTERED = "dev.nextbest.identity.customer-registered.v1";
    static final String CUSTOMERS_MERGED = "dev.nextbest.identity.customers-merged.v1";
    static final String CUSTOMERS_UNMERGED = "dev.nextbest.identity.customers-unmerged.v1";

    private static final String ID = CustomerIds.PATTERN;

    private IdentityEvents() {
    }

    record CustomerRegistered(@NotNull @Pattern(regexp = ID) String id,
                              @NotNull @Pattern(regexp = "CUSTOMER|PROSPECT") String kind) {
    }

    record CustomersMerged(@NotNull UUID mergeId,
                           @NotNull @Pattern(regexp = ID) String survivorId,
                           @NotNull @Pattern(regexp = ID) String absorbedId) {
    }
}
