package dev.nextbest.nba.catalog;

import dev.nextbest.nba.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
@Tag(name = "Action catalogue", description = "What the platform can recommend")
public class ActionResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final Catalog catalog;
    private final ActionRepository actions;

    public ActionResource(Catalog catalog, ActionRepository actions) {
        this.catalog = catalog;
        this.actions = actions;
    }

    @POST
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an action to the catalogue, as a DRAFT; publishes a catalog-changes event")
    @APIResponse(responseCode = "201", description = "Created; Location names the new action")
    @APIResponse(responseCode = "400", description = "The action is invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The key is taken", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid NewAction request, UriInfo uri) {
        return catalog.create(request).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created)
                .build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.AGENT, Roles.ADMIN})
    @WithSession
    @Operation(summary = "One action")
    @APIResponse(responseCode = "404", description = "No such action", content = @Content(mediaType = "application/problem+json"))
    public Uni<ActionView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return actions.findById(UUID.fromString(id)).map(action -> {
            if (action == null) {
                throw HttpProblem.builder().withStatus(Response.Status.NOT_FOUND).withTitle("Not Found")
                        .withDetail("no action with id " + id).build();
            }
            return ActionView.of(action);
        });
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "The catalogue, by issue, group and key; optionally only actions with one status")
    public Uni<List<ActionView>> list(@QueryParam("status") String status) {
        Optional<ActionStatus> wanted = Optional.ofNullable(status).map(value -> ActionStatus.parse(value).orElseThrow(() ->
                HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad Request")
                        .withDetail("status must be one of " + ActionStatus.ALLOWED).build()));
        return actions.list(wanted).map(found -> found.stream().map(ActionView::of).toList());
    }
}
