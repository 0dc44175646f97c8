package dev.nextbest.identity.clients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** A client to register: its id, a name people recognise, and its roles. */
public record NewApiClient(
        @NotBlank(message = "must be given")
        @Pattern(regexp = ApiClients.ID_PATTERN, message = ApiClients.ID_MESSAGE)
        String id,
        @NotBlank(message = "must be given") @Size(max = 100, message = "must be at most 100 characters")
        String name,
        @NotEmpty(message = "must name at least one role")
        Set<@NotBlank(message = "must not be blank") String> roles) {
}
