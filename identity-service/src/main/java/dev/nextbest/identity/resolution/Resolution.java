package dev.nextbest.identity.resolution;

import dev.nextbest.identity.identifiers.IdentifierType;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a resolve request. Identifiers are referred to by their position in the request, never
 * by value.
 *
 * @param linked    identifiers newly linked to the customer by this request
 * @param notLinked identifiers left out, with why (another customer's, or the type's limit reached)
 * @param merged    customers merged into this one by this request (verified strong identifiers proved it)
 * @param conflicts other customers some identifiers belong to, not merged, each with why
 */
public record Resolution(String customerId, Outcome outcome, List<Linked> linked, List<NotLinked> notLinked,
                         List<Merged> merged, List<Conflict> conflicts) {

    public enum Outcome {
        /** No identifier was known: a new customer id was issued. */
        CREATED,
        /** Known identifiers led to the customer; nothing new was linked. */
        MATCHED,
        /** Known identifiers led to the customer, and new ones were linked to it. */
        LINKED
    }

    public record Linked(int index, IdentifierType type) {
    }

    public record NotLinked(int index, IdentifierType type, String reason) {
    }

    public record Merged(String customerId, UUID mergeId) {
    }

    public record Conflict(String customerId, List<IdentifierType> matchedBy, String reason) {
    }
}
