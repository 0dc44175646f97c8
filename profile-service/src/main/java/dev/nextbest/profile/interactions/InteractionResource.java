package dev.nextbest.profile.interactions;

import dev.nextbest.profile.security.Caller;
import dev.nextbest.profile.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    @Operation(summary = "The customer's latest interactions, newest first (by when they happened)")
    @APIResponse(responseCode = "200", description = "The interactions; an unknown customer has none")
    @APIResponse(responseCode = "400", description = "A parameter is invalid",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<InteractionView.Page> latest(
            @PathParam("customerId") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId,
            @QueryParam("channel") String channel,
            @QueryParam("kind") @Pattern(regexp = "[a-z][a-z0-9-]{0,63}", message = "must be lower-case words joined by '-'") String kind,
            // A String, so that "limit=many" is a 400 that says why (JAX-RS answers 404 to a failed conversion).
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(500) String limit) {
        caller.checkMayActFor(customerId);
        Optional<Channel> wanted = Optional.ofNullable(channel).map(value -> Channel.parse(value).orElseThrow(() ->
                HttpProblem.builder()
                        .withStatus(Response.Status.BAD_REQUEST)
                        .withTitle("Bad Request")
                        .withDetail("channel must be one of " + Channel.ALLOWED)
                        .build()));
        return repository.latest(customerId, wanted, Optional.ofNullable(kind), Integer.parseInt(limit))
                .map(found -> new InteractionView.Page(customerId, found.stream().map(InteractionView::of).toList()));
    }
}
