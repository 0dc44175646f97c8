package dev.nextbest.identity.resolution;

import dev.nextbest.identity.customers.CustomerKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The identifiers a channel has for one person, to resolve to one customer id.
 *
 * @param kind   for a customer created by this request: CUSTOMER or PROSPECT (default PROSPECT)
 * @param source where the identifiers were seen, e.g. "/channels/web" (provenance; default "/api")
 */
public record ResolveRequest(
        @NotNull @Size(min = 1, max = 20, message = "must hold 1 to 20 identifiers") List<@NotNull @Valid IdentifierInput> identifiers,
        CustomerKind kind,
        @Pattern(regexp = "/[a-z0-9/_-]{1,63}", message = "must be a path such as /channels/web") String source) {
}
