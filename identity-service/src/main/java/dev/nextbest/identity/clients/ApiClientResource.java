package dev.nextbest.identity.clients;

import dev.nextbest.commons.security.Roles;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/identity/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "API clients", description = "Applications that may ask for access tokens (admin role)")
public class ApiClientResource {

    private final ApiClients clients;

    public ApiClientResource(ApiClients clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a client; the answer shows its secret, this once")
    @APIResponse(responseCode = "201", description = "Registered; keep the secret, only its hash is stored")
    @APIResponse(responseCode = "400", description = "Invalid id, name or roles", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The id is taken", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> register(@NotNull(message = "a JSON body is required") @Valid NewApiClient request, UriInfo uri) {
        return clients.register(request).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.client().id()).build())
                .header("Cache-Control", "no-store")
                .entity(created)
                .build());
    }

    @GET
    @Operation(summary = "Every registered client, revoked ones included")
    public Uni<List<ApiClientView>> list() {
        return clients.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One client")
    @APIResponse(responseCode = "404", description = "No such client", content = @Content(mediaType = "application/problem+json"))
    public Uni<ApiClientView> get(@PathParam("id") @Pattern(regexp = ApiClients.ID_PATTERN, message = ApiClients.ID_MESSAGE) String id) {
        return clients.find(id);
    }

    @POST
    @Path("{id}/secret")
    @Operation(summary = "Replace the client's secret; the old one stops working at once")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once")
    @APIResponse(responseCode = "404", description = "No such client", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The client is revoked", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> replaceSecret(@PathParam("id") @Pattern(regexp = ApiClients.ID_PATTERN, message = ApiClients.ID_MESSAGE) String id) {
        return clients.replaceSecret(id)
                .map(replaced -> Response.ok(replaced).header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("{id}/revoke")
    @Operation(summary = "Revoke the client: no new tokens, and the tokens it holds are refused from now on")
    @APIResponse(responseCode = "200", description = "Revoked (again, if it was already)")
    @APIResponse(responseCode = "404", description = "No such client", content = @Content(mediaType = "application/problem+json"))
    public Uni<ApiClientView> revoke(@PathParam("id") @Pattern(regexp = ApiClients.ID_PATTERN, message = ApiClients.ID_MESSAGE) String id) {
        return clients.revoke(id);
    }
}
