package dev.nextbest.profile.erasure;

import dev.nextbest.profile.interactions.CustomerIds;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** Data of a {@value #TYPE} event on privacy-requests: erase everything about one customer. */
public record ErasureRequested(@NotNull UUID requestId,
                               @NotNull @Pattern(regexp = CustomerIds.PATTERN) String customerId) {

    public static final String TYPE = "dev.nextbest.privacy.erasure-requested.v1";
}
