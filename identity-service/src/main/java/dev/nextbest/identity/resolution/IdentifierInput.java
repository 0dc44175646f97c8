package dev.nextbest.identity.resolution;

import dev.nextbest.identity.identifiers.IdentifierType;
import jakarta.validation.constraints.NotNull;

/**
 * One identifier as a channel saw it. The value travels only in request bodies, never in a URL, and is
 * never stored, logged or returned in clear.
 *
 * @param verified proven by the channel (a confirmed email, a logged-in session), not only asserted
 */
public record IdentifierInput(@NotNull IdentifierType type, @NotNull String value, boolean verified) {
}
