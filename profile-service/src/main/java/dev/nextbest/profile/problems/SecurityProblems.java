package dev.nextbest.profile.problems;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A missing or refused access token as a 401 problem+json with the Bearer challenge (RFC 6750). Ahead of
 * the problem extension's own mapper (priority 999), which fails on this Quarkus version. Which check
 * refused the token is never said: that would only help whoever forged it.
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

    private static Response unauthorized(String challenge, String detail, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", 401);
        problem.put("title", "Unauthorized");
        problem.put("detail", detail);
        problem.put("instance", uri.getPath());
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.valueOf("application/problem+json"))
                .header("WWW-Authenticate", challenge)
                .entity(problem)
                .build();
    }
}
