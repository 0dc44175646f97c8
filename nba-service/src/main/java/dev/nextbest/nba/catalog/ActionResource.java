package dev.nextbest.nba.catalog;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/nba/v1/catalog/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Action catalogue", description = "What the platform can recommend, and each action's lifecycle")
public class ActionResource {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final Catalog catalog;
    private final ActionRepository actions;
    private final Caller caller;

    public ActionResource(Catalog catalog, ActionRepository actions, Caller caller) {
        this.catalog = catalog;
        this.actions = actions;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an action to the catalogue; its first version is a DRAFT")
    @APIResponse(responseCode = "201", description = "Created; Location names the new action")
    @APIResponse(responseCode = "400", description = "The action is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The key is taken", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid NewAction request, UriInfo uri) {
        return catalog.create(request, caller.clientId()).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created)
                .build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an action: edits its DRAFT version, or starts a new DRAFT version (the live one keeps serving)")
    @APIResponse(responseCode = "400", description = "The definition is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such action", content = @Content(mediaType = "application/problem+json"))
    public Uni<ActionView> revise(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
                                  @NotNull(message = "a JSON body is required") @Valid ActionDefinition definition) {
        return catalog.revise(UUID.fromString(id), definition, caller.clientId());
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a DRAFT version for its privacy assessment (PENDING_ASSESSMENT)")
    @APIResponse(responseCode = "409", description = "That version is not a DRAFT", content = @Content(mediaType = "application/problem+json"))
    public Uni<ActionView> submit(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
                                  @NotNull(message = "a JSON body is required") @Valid VersionDecision decision) {
        return catalog.submit(UUID.fromString(id), decision.version(), caller.clientId());
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Take the live version out of decisions at once")
    @APIResponse(responseCode = "409", description = "Nothing is live", content = @Content(mediaType = "application/problem+json"))
    public Uni<ActionView> retire(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return catalog.retire(UUID.fromString(id), caller.clientId());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "One action: its latest version, and which version is live")
    @APIResponse(responseCode = "404", description = "No such action", content = @Content(mediaType = "application/problem+json"))
    public Uni<ActionView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return catalog.view(UUID.fromString(id));
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Every version of an action, oldest first")
    @APIResponse(responseCode = "404", description = "No such action", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<ActionView>> versions(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return catalog.versions(UUID.fromString(id));
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "The catalogue, by issue, group and key; optionally only actions whose latest version has one status")
    public Uni<List<ActionSummary>> list(@QueryParam("status") String status) {
        Optional<ActionStatus> wanted = Optional.ofNullable(status).map(value -> ActionStatus.parse(value).orElseThrow(() ->
                Problems.badRequest("status must be one of " + ActionStatus.ALLOWED)));
        return actions.list(wanted).map(found -> found.stream().map(ActionSummary::of).toList());
    }
}
