package dev.nextbest.nba.catalog;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Engagement policies for a whole issue or group; live at once (the catalogue revision changes). */
@Path("/nba/v1/catalog/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Action catalogue")
public class EngagementPolicyResource {

    public static final String POLICY_CHANGED = "dev.nextbest.nba.catalog.engagement-policy-changed.v1";

    /** The three policies; any may be absent. */
    public record Policies(@Size(max = 2000) String eligibility, @Size(max = 2000) String applicability,
                           @Size(max = 2000) String suitability) {
    }

    public record PolicyView(String level, String name, String eligibility, String applicability, String suitability,
                             String changedBy, Instant updatedAt) {
        static PolicyView of(EngagementPolicy policy) {
            return new PolicyView(policy.level, policy.name, policy.eligibility, policy.applicability,
                    policy.suitability, policy.changedBy, policy.updatedAt);
        }
    }

    private final EngagementPolicies policies;
    private final Caller caller;

    public EngagementPolicyResource(EngagementPolicies policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @PUT
    @Path("{level}/{name}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the engagement policies of an issue (level 'issue') or a group (level 'group')")
    public Uni<PolicyView> put(@PathParam("level") @Pattern(regexp = "issue|group", message = "must be issue or group") String level,
                               @PathParam("name") @Pattern(regexp = ActionDefinition.SLUG, message = ActionDefinition.SLUG_MESSAGE) String name,
                               @NotNull(message = "a JSON body is required") @Valid Policies policies) {
        return this.policies.put(level, name, policies, caller.clientId());
    }

    @DELETE
    @Path("{level}/{name}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Remove an issue's or group's engagement policies")
    public Uni<Response> delete(@PathParam("level") @Pattern(regexp = "issue|group", message = "must be issue or group") String level,
                                @PathParam("name") @Pattern(regexp = ActionDefinition.SLUG, message = ActionDefinition.SLUG_MESSAGE) String name) {
        return policies.delete(level, name, caller.clientId()).replaceWith(Response.noContent().build());
    }

    @GET
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Every issue's and group's engagement policies")
    public Uni<List<PolicyView>> list() {
        return policies.list();
    }
}
