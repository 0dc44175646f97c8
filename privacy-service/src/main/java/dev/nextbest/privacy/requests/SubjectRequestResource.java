package dev.nextbest.privacy.requests;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/privacy/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data-subject requests", description = "Erasure and access, fanned out to every service and tracked until each answers")
public class SubjectRequestResource {

    static final String CUSTOMER_ID = "cus_[0-9a-f]{32}";
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** @param kind ERASURE (forget the customer everywhere) or ACCESS (one bundle of everything held about them) */
    public record NewRequest(
            @NotNull(message = "is required") @Pattern(regexp = "ERASURE|ACCESS", message = "must be ERASURE or ACCESS") String kind,
            @NotNull(message = "is required") @Pattern(regexp = CUSTOMER_ID,
                    message = "must be a pseudonymous customer id (cus_ and 32 hex digits)") String customerId) {
    }

    private final SubjectRequests requests;
    private final Caller caller;

    public SubjectRequestResource(SubjectRequests requests, Caller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Ask for a customer's erasure or for everything held about them: 202 with the new request, or 200 with the one of that kind already open")
    @APIResponse(responseCode = "400", description = "Invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Another customer than the token's", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> open(@NotNull(message = "a JSON body is required") @Valid NewRequest request) {
        caller.checkMayActFor(request.customerId());
        return requests.open(SubjectRequest.Kind.valueOf(request.kind()), request.customerId(), caller.clientId()).map(opened -> opened.created()
                ? Response.accepted(opened.request()).location(URI.create("/privacy/v1/requests/" + opened.request().id())).build()
                : Response.ok(opened.request()).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Where a request stands, service by service")
    @APIResponse(responseCode = "404", description = "No such request", content = @Content(mediaType = "application/problem+json"))
    public Uni<RequestView> find(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return requests.find(UUID.fromString(id)).map(found -> found.orElseThrow(() -> Problems.notFound("no request " + id)));
    }

    @GET
    @Path("/{id}/bundle")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.CHANNEL_APP, Roles.ADMIN})
    @Operation(summary = "A completed access request's bundle: everything every service holds about the customer, by service")
    @APIResponse(responseCode = "404", description = "No such request", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Not an access request, not complete yet, or its bundle expired",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<SubjectRequests.Bundle> bundle(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return requests.bundle(UUID.fromString(id))
                .onFailure(SubjectRequests.NoBundle.class).transform(failure -> Problems.conflict(failure.getMessage()))
                .map(found -> found.orElseThrow(() -> Problems.notFound("no request " + id)))
                .invoke(bundle -> caller.checkMayActFor(bundle.customerId()));
    }

    @GET
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "The latest requests, newest first; status=OVERDUE is the privacy officer's escalations")
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<RequestView>> latest(
            @QueryParam("status") @Pattern(regexp = "OPEN|COMPLETED|OVERDUE", message = "must be one of OPEN, COMPLETED, OVERDUE") String status,
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "[0-9]{1,3}", message = "must be a whole number up to 999") String limit) {
        return requests.latest(status, Math.max(1, Integer.parseInt(limit)));
    }
}
