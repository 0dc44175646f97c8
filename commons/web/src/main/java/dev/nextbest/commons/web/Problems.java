package dev.nextbest.commons.web;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.HttpProblem.Builder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problems, the one way every service says what was wrong with a request: the status, its reason
 * phrase as the title, and a detail that names what was wrong without quoting a secret or a personal value.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    private Problems() {
    }

    public static HttpProblem badRequest(String detail) {
        return of(Response.Status.BAD_REQUEST, detail);
    }

    public static HttpProblem forbidden(String detail) {
        return of(Response.Status.FORBIDDEN, detail);
    }

    public static HttpProblem notFound(String detail) {
        return of(Response.Status.NOT_FOUND, detail);
    }

    public static HttpProblem conflict(String detail) {
        return of(Response.Status.CONFLICT, detail);
    }

    public static HttpProblem unavailable(String detail) {
        return of(Response.Status.SERVICE_UNAVAILABLE, detail);
    }

    public static HttpProblem of(Response.Status status, String detail) {
        return builder(status).withDetail(detail).build();
    }

    /** For a problem with members of its own ({@code .with("field", ...)}) or a header. */
    public static Builder builder(Response.Status status) {
        return HttpProblem.builder().withStatus(status).withTitle(status.getReasonPhrase());
    }

    /** For exception mappers, which answer a {@link Response}: the same members, and the request's path as instance. */
    public static Response.ResponseBuilder response(Response.Status status, String detail, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status.getStatusCode());
        problem.put("title", status.getReasonPhrase());
        problem.put("detail", detail);
        problem.put("instance", uri.getPath());
        return Response.status(status).type(PROBLEM_JSON).entity(problem);
    }
}
