package dev.nextbest.identity.clients;

import java.time.Instant;
import java.util.Set;

/** A registered client as the API shows it: never its secret or the secret's hash. */
public record ApiClientView(String id, String name, Set<String> roles, Instant createdAt, Instant revokedAt) {

    static ApiClientView of(ApiClient client) {
        return new ApiClientView(client.id, client.name, client.roleSet(), client.createdAt, client.revokedAt);
    }
}
