package dev.nextbest.identity.customers;

import jakarta.validation.constraints.NotNull;

/** A request to issue a new pseudonymous customer id. */
public record NewCustomer(@NotNull CustomerKind kind) {
}
