package dev.nextbest.identity.clients;

/** A client and its new secret: shown once, when the client is registered or its secret replaced. */
public record ClientCredentials(ApiClientView client, String clientSecret) {
}
