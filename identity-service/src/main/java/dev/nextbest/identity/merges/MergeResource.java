package dev.nextbest.identity.merges;

import dev.nextbest.identity.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.nextbest.identity.customers.CustomerCache;
import dev.nextbest.identity.events.OutboxRelay;
import dev.nextbest.identity.resolution.IdentifierCache;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@Path("/identity/v1/merges/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merges", description = "Customers joined by identity resolution, and undoing that")
public class MergeResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final MergeRepository merges;
    private final Merger merger;
    private final IdentifierCache identifierCache;
    private final CustomerCache customerCache;
    private final OutboxRelay relay;

    public MergeResource(MergeRepository merges, Merger merger, IdentifierCache identifierCache,
                         CustomerCache customerCache, OutboxRelay relay) {
        this.merges = merges;
        this.merger = merger;
        this.identifierCache = identifierCache;
        this.customerCache = customerCache;
        this.relay = relay;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SERVICE, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @WithSession
    @Operation(summary = "One merge: who absorbed whom, why and from where")
    @APIResponse(responseCode = "404", description = "No such merge", content = @Content(mediaType = "application/problem+json"))
    public Uni<MergeView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return merges.findById(UUID.fromString(id)).map(merge -> {
            if (merge == null) {
                throw HttpProblem.builder().withStatus(Response.Status.NOT_FOUND).withTitle("Not Found")
                        .withDetail("no merge with id " + id).build();
            }
            return MergeView.of(merge);
        });
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
        UUID mergeId = UUID.fromString(id);
        return merger.undo(mergeId)
                .invoke(relay::trigger)
                .call(moved -> identifierCache.put(moved.pseudonyms().stream()
                        .collect(Collectors.toMap(Function.identity(), pseudonym -> moved.to()))))
                .call(moved -> customerCache.evict(List.of(moved.from(), moved.to())))
                .chain(() -> Panache.withSession(() -> merges.findById(mergeId)))
                .map(MergeView::of);
    }
}
