package dev.nextbest.privacy.requests;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.Map;
import java.util.UUID;

/** Data of a {@value #TYPE} event on {@value #TOPIC}: what one service erased for one request, by store. */
public record ErasureCompleted(@NotNull(message = "is required") UUID requestId,
                               @NotBlank(message = "is required") String service,
                               @NotBlank(message = "is required") String customerId,
                               Map<String, Long> erased) {

    public static final String TOPIC = "privacy-acks";
    public static final String TYPE = "dev.nextbest.privacy.erasure-completed.v1";
}
