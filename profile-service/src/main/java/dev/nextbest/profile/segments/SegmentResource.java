package dev.nextbest.profile.segments;

import dev.nextbest.profile.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@Path("/profile/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Rule segments: CEL expressions over the profile and its traits")
public class SegmentResource {

    private final SegmentRepository segments;
    private final SegmentRules rules;
    private final SegmentExpressions expressions;
    private final SegmentSweep sweep;

    public SegmentResource(SegmentRepository segments, SegmentRules rules, SegmentExpressions expressions,
                           SegmentSweep sweep) {
        this.sweep = sweep;
        this.segments = segments;
        this.rules = rules;
        this.expressions = expressions;
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
        try {
            expressions.compile(request.expression());
        } catch (InvalidExpressionException e) {
            throw HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad Request")
                    .withDetail("expression: " + e.getMessage()).build();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> segments.findById(request.id()).chain(existing -> {
                    if (existing != null) {
                        throw HttpProblem.builder().withStatus(Response.Status.CONFLICT).withTitle("Conflict")
                                .withDetail("a segment with id " + request.id() + " exists already").build();
                    }
                    Segment segment = new Segment();
                    segment.id = request.id();
                    segment.name = request.name().strip();
                    segment.description = request.description();
                    segment.expression = request.expression();
                    segment.createdAt = now;
                    segment.updatedAt = now;
                    return segments.persist(segment);
                }))
                .invoke(rules::put)
                .invoke(sweep::trigger)
                .map(segment -> Response.created(uri.getAbsolutePathBuilder().path(segment.id).build())
                        .entity(SegmentView.of(segment)).build());
    }

    @GET
    @RolesAllowed({Roles.MARKETER, Roles.AGENT, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Every rule segment")
    public Uni<List<SegmentView>> list() {
        return Panache.withSession(() -> segments.listAll(Sort.by("id")))
                .map(all -> all.stream().map(SegmentView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.AGENT, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "One rule segment")
    @APIResponse(responseCode = "404", description = "No such segment", content = @Content(mediaType = "application/problem+json"))
    public Uni<SegmentView> get(@PathParam("id") String id) {
        return Panache.withSession(() -> segments.findById(id)).map(segment -> SegmentView.of(existing(segment, id)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Delete a rule segment; its members leave it in the background right away")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such segment", content = @Content(mediaType = "application/problem+json"))
    public Uni<Void> delete(@PathParam("id") String id) {
        return Panache.withTransaction(() -> segments.findById(id).chain(segment -> segments.delete(existing(segment, id))))
                .invoke(() -> rules.remove(id))
                .invoke(sweep::trigger);
    }

    private static Segment existing(Segment segment, String id) {
        if (segment == null) {
            throw HttpProblem.builder().withStatus(Response.Status.NOT_FOUND).withTitle("Not Found")
                    .withDetail("no segment with id " + id).build();
        }
        return segment;
    }
}
