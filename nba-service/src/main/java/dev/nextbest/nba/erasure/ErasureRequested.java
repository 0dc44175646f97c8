package dev.nextbest.nba.erasure;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** Data of privacy-service's {@value #TYPE} event on {@value #TOPIC} (key = customer id): erase the customer. */
public record ErasureRequested(@NotNull(message = "is required") UUID requestId,
                               @NotNull(message = "is required") @Pattern(regexp = "cus_[0-9a-f]{32}",
                                       message = "must be a pseudonymous customer id") String customerId) {

    public static final String TOPIC = "privacy-requests";
    public static final String TYPE = "dev.nextbest.privacy.erasure-requested.v1";
}
