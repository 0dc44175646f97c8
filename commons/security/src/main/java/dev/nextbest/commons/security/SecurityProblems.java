package dev.nextbest.commons.security;

import dev.nextbest.commons.web.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A missing or refused access token as a 401 problem+json with the Bearer challenge (RFC 6750), and a token
 * without a role the endpoint admits as a 403. Ahead of the problem extension's own mappers (priority 999),
 * whose 401 fails on this Quarkus version. Which check refused a token is never said: that would only help
 * whoever forged it.
 */
public class SecurityProblems {

    @ServerExceptionMapper(priority = 500)
    public Response noToken(UnauthorizedException e, UriInfo uri) {
        return unauthorized("Bearer realm=\"nextbest\"", "an access token is required (Authorization: Bearer ...)", uri);
    }

    @ServerExceptionMapper(priority = 500)
    public Response refusedToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized("Bearer realm=\"nextbest\", error=\"invalid_token\"",
                "the access token is invalid, expired or revoked", uri);
    }

    @ServerExceptionMapper(priority = 500)
    public Response wrongRole(ForbiddenException e, UriInfo uri) {
        return Problems.response(Response.Status.FORBIDDEN, "the token's roles include none that this endpoint admits", uri)
                .build();
    }

    private static Response unauthorized(String challenge, String detail, UriInfo uri) {
        return Problems.response(Response.Status.UNAUTHORIZED, detail, uri).header("WWW-Authenticate", challenge).build();
    }
}
