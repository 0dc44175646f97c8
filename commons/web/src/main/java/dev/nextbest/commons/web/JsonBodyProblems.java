package dev.nextbest.commons.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A JSON request body whose fields have the wrong types, as problem+json that names the field. Quarkus
 * REST's own mapper for this answers plain JSON; the value itself is never echoed (it may be personal data).
 */
public class JsonBodyProblems {

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
        return Problems.response(Response.Status.BAD_REQUEST, detail, uri).build();
    }
}
