package dev.nextbest.identity.resolution;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.identity.ratelimit.RateLimiter;
import dev.nextbest.identity.ratelimit.RateLimits;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/identity/v1/resolve")
@Tag(name = "Identity resolution", description = "Many identifiers, one customer")
public class ResolveResource {

    private final IdentityResolver resolver;
    private final Caller caller;
    private final RateLimiter rateLimiter;
    private final RateLimits limits;

    public ResolveResource(IdentityResolver resolver, Caller caller, RateLimiter rateLimiter, RateLimits limits) {
        this.resolver = resolver;
        this.caller = caller;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a person's identifiers to one pseudonymous customer id",
            description = "Creates a customer when no identifier is known, links new identifiers to a known one, "
                    + "and reports identifiers of other customers as conflicts without merging them.")
    @APIResponse(responseCode = "200", description = "The customer id, what was linked, and any conflicts")
    @APIResponse(responseCode = "429", description = "Too many resolutions by this client; see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "400", description = "An identifier is invalid (the reasons never quote a value)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Resolution> resolve(@NotNull(message = "a JSON body is required") @Valid ResolveRequest request) {
        return rateLimiter.count("resolve", caller.clientId(), limits.resolvePerClient())
                .chain(() -> resolver.resolve(request));
    }
}
