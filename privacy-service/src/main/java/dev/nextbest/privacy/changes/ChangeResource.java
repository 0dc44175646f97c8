package dev.nextbest.privacy.changes;

import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/privacy/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change register", description = "Changes to what the platform does with customer data, awaiting assessment")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class ChangeResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final ChangeRepository changes;

    public ChangeResource(ChangeRepository changes) {
        this.changes = changes;
    }

    @GET
    @WithSession
    @Operation(summary = "The latest registered changes, newest first; optionally only those with one status")
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<ChangeView>> latest(
            @QueryParam("status") String status,
            // A String, so that "limit=many" is a 400 that says why (JAX-RS answers 404 to a failed conversion).
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(500) String limit) {
        Optional<ChangeStatus> wanted = Optional.ofNullable(status).map(value -> ChangeStatus.parse(value).orElseThrow(() ->
                Problems.badRequest("status must be one of " + ChangeStatus.ALLOWED)));
        return changes.latest(wanted, Integer.parseInt(limit)).map(found -> found.stream().map(ChangeView::of).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "One registered change")
    @APIResponse(responseCode = "404", description = "No such change", content = @Content(mediaType = "application/problem+json"))
    public Uni<ChangeView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return changes.findById(UUID.fromString(id)).map(change -> {
            if (change == null) {
                throw Problems.notFound("no change with id " + id);
            }
            return ChangeView.of(change);
        });
    }
}
