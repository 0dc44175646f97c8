package dev.nextbest.profile.interactions;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.profile.events.Channel;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

@Path("/profile/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions", description = "The customer's interaction history across every channel")
public class InteractionResource {

    private final InteractionRepository repository;
    private final Caller caller;

    public InteractionResource(InteractionRepository repository, Caller caller) {
        this.repository = repository;
        this.caller = caller;
    }

    @GET
    @Path("{customerId}/interactions")
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @WithSession
    @Operation(summary = "The customer's interactions, newest first (by when they happened), a page at a time",
            description = "Filters combine: channel, kind, and the time they happened (from inclusive, to "
                    + "exclusive, ISO-8601). When there may be more, the page has a nextCursor: pass it as cursor "
                    + "(with the same filters) for the next page.")
    @APIResponse(responseCode = "200", description = "The interactions; an unknown customer has none")
    @APIResponse(responseCode = "400", description = "A parameter is invalid",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<InteractionView.Page> latest(
            @PathParam("customerId") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId,
            @QueryParam("channel") String channel,
            @QueryParam("kind") @Pattern(regexp = "[a-z][a-z0-9-]{0,63}", message = "must be lower-case words joined by '-'") String kind,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") @Size(max = 200, message = "is not a cursor this API gave") String cursor,
            // A String, so that "limit=many" is a 400 that says why (JAX-RS answers 404 to a failed conversion).
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(500) String limit) {
        caller.checkMayActFor(customerId);
        InteractionFilter filter = new InteractionFilter(
                Optional.ofNullable(channel).map(value -> Channel.parse(value)
                        .orElseThrow(() -> Problems.badRequest("channel must be one of " + Channel.ALLOWED))),
                Optional.ofNullable(kind),
                Optional.ofNullable(from).map(value -> instant("from", value)),
                Optional.ofNullable(to).map(value -> instant("to", value)),
                Optional.ofNullable(cursor).map(value -> Cursor.decode(value)
                        .orElseThrow(() -> Problems.badRequest("cursor is not one this API gave"))));
        int pageSize = Integer.parseInt(limit);
        // One more than the page, to know whether there is a next one.
        return repository.latest(customerId, filter, pageSize + 1).map(found -> {
            List<Interaction> page = found.size() > pageSize ? found.subList(0, pageSize) : found;
            String next = found.size() > pageSize ? Cursor.after(page.get(page.size() - 1)).encode() : null;
            return new InteractionView.Page(customerId, page.stream().map(InteractionView::of).toList(), next);
        });
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(name + " must be a time in ISO-8601 with a zone, e.g. 2026-11-01T00:00:00Z");
        }
    }
}
