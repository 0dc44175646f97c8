package dev.nextbest.identity.customers;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/identity/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customer registry", description = "Pseudonymous customer ids")
public class CustomerResource {

    private final CustomerRegistry registry;
    private final Caller caller;

    public CustomerResource(CustomerRegistry registry, Caller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a new pseudonymous customer id; announced on identity-changes")
    @APIResponse(responseCode = "201", description = "Created; Location names the new customer")
    @APIResponse(responseCode = "400", description = "The request is invalid", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> register(@NotNull(message = "a JSON body is required") @Valid NewCustomer request, UriInfo uri) {
        return registry.register(request.kind()).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build());
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Path("{id}")
    @Operation(summary = "One customer id: whether it exists, and whether it is a customer or a prospect")
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = "application/problem+json"))
    public Uni<CustomerView> get(@PathParam("id") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String id) {
        caller.checkMayActFor(id);
        return registry.find(id).map(found -> found.orElseThrow(() -> Problems.notFound("no customer with id " + id)));
    }
}
