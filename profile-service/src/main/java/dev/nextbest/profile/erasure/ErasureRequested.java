package dev.nextbest.profile.erasure;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** Data of a {@value #TYPE} event on privacy-requests: erase everything about one customer. */
public record ErasureRequested(@NotNull UUID requestId,
                               @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String customerId) {

    public static final String TYPE = "dev.nextbest.privacy.erasure-requested.v1";
}
