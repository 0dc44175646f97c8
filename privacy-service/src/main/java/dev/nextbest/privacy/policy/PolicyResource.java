package dev.nextbest.privacy.policy;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/privacy/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy policies", description = "Rules that forbid combinations of data categories, data uses and data subjects")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class PolicyResource {

    private final PolicyStore store;
    private final Caller caller;

    public PolicyResource(PolicyStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The policies in force (the latest version of each)")
    public Uni<List<PolicyStore.PolicyVersion>> inForce() {
        return store.latest();
    }

    @GET
    @Path("{key}/versions")
    @Operation(summary = "Every version of one policy, oldest first")
    @APIResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<PolicyStore.PolicyVersion>> versions(@PathParam("key") @Pattern(regexp = PrivacyPolicy.KEY, message = PrivacyPolicy.KEY_MESSAGE) String key) {
        return store.history(key).map(versions -> {
            if (versions.isEmpty()) {
                throw Problems.notFound("no privacy policy with key " + key);
            }
            return versions;
        });
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a policy (or add one): stored as its next version, in force for every assessment from now on")
    @APIResponse(responseCode = "400", description = "Invalid, or names a key the taxonomy lacks", content = @Content(mediaType = "application/problem+json"))
    public Uni<PolicyStore.PolicyVersion> save(@PathParam("key") @Pattern(regexp = PrivacyPolicy.KEY, message = PrivacyPolicy.KEY_MESSAGE) String key,
                                               @NotNull(message = "a JSON body is required") @Valid PrivacyPolicy policy) {
        if (!policy.key().equals(key)) {
            throw Problems.badRequest("the body's key '" + policy.key() + "' differs from the path's '" + key + "'");
        }
        try {
            return store.save(policy, "api", caller.clientId(), null);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(e.getMessage());
        }
    }
}
