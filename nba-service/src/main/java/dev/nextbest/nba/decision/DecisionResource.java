package dev.nextbest.nba.decision;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/nba/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions", description = "The next best actions for a customer, and their explanations")
public class DecisionResource {

    private final DecisionPipeline pipeline;
    private final DecisionLog log;
    private final Caller caller;

    public DecisionResource(DecisionPipeline pipeline, DecisionLog log, Caller caller) {
        this.pipeline = pipeline;
        this.log = log;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide the next best actions for a customer on a channel; explain=true adds the funnel")
    @APIResponse(responseCode = "200", description = "The decision (possibly with no actions)")
    @APIResponse(responseCode = "400", description = "The request is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "The token may not act for this customer", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "identity-service could not resolve a raw identifier, or the catalogue is loading",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Decision> decide(@NotNull(message = "a JSON body is required") @Valid DecisionRequest request) {
        return pipeline.decide(request, caller).map(decision -> request.wantsExplanation() ? decision : decision.withoutFunnel());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.AGENT, Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Replay a past decision with its explanation (the funnel), as it was made")
    @APIResponse(responseCode = "404", description = "No such decision (or older than the retention)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Decision> replay(@PathParam("id") @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            message = "must be a UUID") String id) {
        return log.find(UUID.fromString(id)).map(found -> found.orElseThrow(() -> Problems.notFound("no decision with id " + id)));
    }
}
