package dev.nextbest.identity.tokens;

import dev.nextbest.commons.web.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;

/**
 * Token endpoint errors: problem+json like every other error of the platform, carrying also the members an
 * OAuth 2.0 client library looks for ("error", "error_description"; RFC 6749, section 5.2).
 */
final class OAuthErrors {

    private OAuthErrors() {
    }

    static HttpProblem invalidRequest(String description) {
        return error(Response.Status.BAD_REQUEST, "invalid_request", description);
    }

    static HttpProblem unsupportedGrantType() {
        return error(Response.Status.BAD_REQUEST, "unsupported_grant_type",
                "grant_type must be client_credentials");
    }

    static HttpProblem invalidScope(String description) {
        return error(Response.Status.BAD_REQUEST, "invalid_scope", description);
    }

    /** Unknown client, wrong secret, or revoked: one answer for all, so it tells an attacker nothing. */
    static HttpProblem invalidClient() {
        return Problems.builder(Response.Status.UNAUTHORIZED)
                .withDetail("client authentication failed")
                .withHeader("WWW-Authenticate", "Basic realm=\"nextbest\"")
                .with("error", "invalid_client")
                .with("error_description", "client authentication failed")
                .build();
    }

    private static HttpProblem error(Response.Status status, String code, String description) {
        return Problems.builder(status)
                .withDetail(description)
                .with("error", code)
                .with("error_description", description)
                .build();
    }
}
