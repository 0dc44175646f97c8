package dev.nextbest.nba.responses;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/nba/v1/responses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
public class ResponseResource {

    private final Responses responses;
    private final Caller caller;

    public ResponseResource(Responses responses, Caller caller) {
        this.responses = responses;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a response (IMPRESSION, CLICK, ACCEPT, REJECT, IGNORE, CONVERT); the same responseId is recorded once")
    @APIResponse(responseCode = "202", description = "Recorded (duplicate: false), or recorded before (duplicate: true)")
    @APIResponse(responseCode = "400", description = "The response is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "The token may not act for this customer", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> record(@NotNull(message = "a JSON body is required") @Valid NewResponse response) {
        caller.checkMayActFor(response.customerId());
        return responses.record(response).map(recordedNow -> Response.accepted(
                Map.of("responseId", response.responseId(), "duplicate", !recordedNow)).build());
    }
}
