package dev.nextbest.privacy.assessment;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Path("/privacy/v1/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy assessments", description = "The automatic assessment of every change, and a privacy officer's decision on those that wait")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class AssessmentResource {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final Assessments assessments;
    private final Caller caller;

    public AssessmentResource(Assessments assessments, Caller caller) {
        this.assessments = assessments;
        this.caller = caller;
    }

    /** A privacy officer's decision: the note says why, and is kept with the assessment and in the audit log. */
    public record DecisionRequest(@NotBlank(message = "is required: say why") @Size(max = 2000, message = "must be at most 2000 characters") String note) {
    }

    @GET
    @Operation(summary = "The latest assessments, newest first; optionally only those with one status (PENDING_REVIEW: the officer's queue)")
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<AssessmentView>> latest(
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(500) String limit) {
        Verdict.Status wanted = status == null ? null : Arrays.stream(Verdict.Status.values())
                .filter(value -> value.name().equals(status)).findFirst()
                .orElseThrow(() -> Problems.badRequest("status must be one of " + Arrays.toString(Verdict.Status.values())));
        return assessments.latest(wanted, Integer.parseInt(limit)).map(found -> found.stream().map(AssessmentView::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One assessment: findings, DPIA criteria, risk, consents needed, what it read, and the decision")
    @APIResponse(responseCode = "404", description = "No such assessment", content = @Content(mediaType = "application/problem+json"))
    public Uni<AssessmentView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return assessments.find(UUID.fromString(id)).map(AssessmentView::of);
    }

    @GET
    @Path("{id}/replay")
    @Operation(summary = "Assess the stored inputs again with the policy versions used: the same result, or what differs")
    @APIResponse(responseCode = "404", description = "No such assessment", content = @Content(mediaType = "application/problem+json"))
    public Uni<Assessments.Replay> replay(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return assessments.replay(UUID.fromString(id));
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a pending assessment: the change goes live (nba-service activates the version)")
    @APIResponse(responseCode = "409", description = "The assessment is not pending review", content = @Content(mediaType = "application/problem+json"))
    public Uni<AssessmentView> approve(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
                                       @NotNull(message = "a JSON body is required") @Valid DecisionRequest request) {
        return assessments.decide(UUID.fromString(id), Assessments.Decision.APPROVE, request.note(), caller.clientId());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a pending assessment: the change goes back to its owner (nba-service: back to DRAFT, with the note)")
    @APIResponse(responseCode = "409", description = "The assessment is not pending review", content = @Content(mediaType = "application/problem+json"))
    public Uni<AssessmentView> reject(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
                                      @NotNull(message = "a JSON body is required") @Valid DecisionRequest request) {
        return assessments.decide(UUID.fromString(id), Assessments.Decision.REJECT, request.note(), caller.clientId());
    }
}
