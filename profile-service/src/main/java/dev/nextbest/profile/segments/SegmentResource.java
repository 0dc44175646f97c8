package dev.nextbest.profile.segments;

import dev.nextbest.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/profile/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Rule segments: CEL expressions over the profile and its traits")
public class SegmentResource {

    private final SegmentCatalog segments;

    public SegmentResource(SegmentCatalog segments) {
        this.segments = segments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Create a rule segment",
            description = "Existing profiles are evaluated against it in the background right away; from then on, "
                    + "every profile that changes, and every profile on the periodic sweep.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid fields, or an expression that does not compile (the detail points at the error)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The id is taken", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid NewSegment request, UriInfo uri) {
        return segments.create(request).map(segment -> Response.created(uri.getAbsolutePathBuilder().path(segment.id).build())
                .entity(SegmentView.of(segment)).build());
    }

    @GET
    @RolesAllowed({Roles.MARKETER, Roles.AGENT, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Every rule segment")
    public Uni<List<SegmentView>> list() {
        return segments.list().map(all -> all.stream().map(SegmentView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.AGENT, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "One rule segment")
    @APIResponse(responseCode = "404", description = "No such segment", content = @Content(mediaType = "application/problem+json"))
    public Uni<SegmentView> get(@PathParam("id") String id) {
        return segments.get(id).map(SegmentView::of);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Delete a rule segment; its members leave it in the background right away")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such segment", content = @Content(mediaType = "application/problem+json"))
    public Uni<Void> delete(@PathParam("id") String id) {
        return segments.delete(id);
    }
}
