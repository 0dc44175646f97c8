package dev.nextbest.nba.problems;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JSON request body whose fields have the wrong types, as problem+json that names the field. Quarkus
 * REST's own mapper for this answers plain JSON; the value itself is never echoed (it may be personal data).
 */
public class JsonBodyProblems {

    static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String field = fieldOf(e);
        return badRequest(field.isEmpty()
                ? "the request body is not a JSON object of the expected shape"
                : "field '" + field + "' has a value of the wrong type", uri);
    }

    /**
     * Also a value outside an enumeration: says which values are allowed, not which one was sent. Ahead of
     * the problem extension's own mapper, which it registers at priority 999 and which quotes the value.
     */
    @ServerExceptionMapper(priority = 500)
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return badRequest("field '" + fieldOf(e) + "' must be one of " + allowed, uri);
        }
        return wrongShape(e, uri);
    }

    private static String fieldOf(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static Response badRequest(String detail, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", 400);
        problem.put("title", "Bad Request");
        problem.put("detail", detail);
        problem.put("instance", uri.getPath());
        return Response.status(Response.Status.BAD_REQUEST).type(PROBLEM_JSON).entity(problem).build();
    }
}
