package dev.nextbest.profile.behaviour;

import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.UUID;

@Path(BehaviourResource.RUNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Behavioural segments", description = "Segments learnt from behaviour (k-means), with drift between runs")
public class BehaviourResource {

    static final String RUNS = "/profile/v1/behavioural-segments/runs";

    private final BehaviourSegmentation segmentation;
    private final BehaviourRunRepository runs;

    public BehaviourResource(BehaviourSegmentation segmentation, BehaviourRunRepository runs) {
        this.segmentation = segmentation;
        this.runs = runs;
    }

    @POST
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Learn the behavioural segments again now (they are also learnt on a schedule)",
            description = "Answers at once; the run goes on in the background. Follow it at the Location.")
    @APIResponse(responseCode = "202", description = "Started")
    @APIResponse(responseCode = "409", description = "A run is in progress", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> start(UriInfo uri) {
        return segmentation.start("request").map(run -> {
            if (run == null) {
                throw Problems.conflict("a run is in progress; follow it at " + RUNS + "/latest once it completes");
            }
            return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(run.id.toString()).build()).build();
        });
    }

    @GET
    @Path("latest")
    @RolesAllowed({Roles.MARKETER, Roles.AGENT, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "The latest completed run: the clusters, what distinguishes each, and the drift since the run before")
    @APIResponse(responseCode = "404", description = "No run has completed yet", content = @Content(mediaType = "application/problem+json"))
    public Uni<BehaviourRun> latest() {
        return Panache.withSession(runs::latestCompleted).map(run -> found(run, "no behavioural segmentation has completed yet"));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.AGENT, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "One run, in progress or done")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = "application/problem+json"))
    public Uni<BehaviourRun> get(@PathParam("id") String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("no run with that id: run ids are UUIDs");
        }
        return Panache.withSession(() -> runs.findById(runId)).map(run -> found(run, "no run with id " + runId));
    }

    private static BehaviourRun found(BehaviourRun run, String otherwise) {
        if (run == null) {
            throw Problems.notFound(otherwise);
        }
        return run;
    }
}
