package dev.nextbest.privacy.requests;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** Data of a {@value #TYPE} event on privacy-acks: everything one service holds about the customer, as JSON. */
public record AccessPart(@NotNull(message = "is required") UUID requestId,
                         @NotBlank(message = "is required") String service,
                         @NotBlank(message = "is required") String customerId,
                         @NotNull(message = "is required") JsonNode data) {

    public static final String TYPE = "dev.nextbest.privacy.access-part.v1";
}
