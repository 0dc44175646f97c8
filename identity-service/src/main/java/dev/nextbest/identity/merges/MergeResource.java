package dev.nextbest.identity.merges;

import dev.nextbest.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
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

@Path("/identity/v1/merges/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merges", description = "Customers joined by identity resolution, and undoing that")
public class MergeResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final Merges merges;

    public MergeResource(Merges merges) {
        this.merges = merges;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SERVICE, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "One merge: who absorbed whom, why and from where")
    @APIResponse(responseCode = "404", description = "No such merge", content = @Content(mediaType = "application/problem+json"))
    public Uni<MergeView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return merges.find(UUID.fromString(id)).map(MergeView::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("undo")
    @Operation(summary = "Undo a merge: the absorbed customer gets back exactly the identifiers it brought")
    @APIResponse(responseCode = "200", description = "Undone; announced on identity-changes")
    @APIResponse(responseCode = "404", description = "No such merge", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Already undone, or its identifiers moved since",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<MergeView> undo(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return merges.undo(UUID.fromString(id)).map(MergeView::of);
    }
}
