package dev.nextbest.profile.profiles;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.profile.interactions.CustomerIds;
import dev.nextbest.profile.interactions.InteractionFilter;
import dev.nextbest.profile.interactions.InteractionRepository;
import dev.nextbest.profile.interactions.InteractionView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.TreeMap;

@Path("/profile/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles", description = "The customer's profile: traits with their inputs, and the latest interactions")
public class ProfileResource {

    /** Interactions shown with the profile; the interactions endpoint pages through the rest. */
    static final int LATEST_INTERACTIONS = 20;

    private final ProfileRepository profiles;
    private final InteractionRepository interactions;
    private final ProfileCache cache;
    private final Caller caller;
    private final LifetimeValueSettings clv;
    private final Clock clock;

    public ProfileResource(ProfileRepository profiles, InteractionRepository interactions, ProfileCache cache,
                           Caller caller, LifetimeValueSettings clv, Clock clock) {
        this.clock = clock;
        this.clv = clv;
        this.profiles = profiles;
        this.interactions = interactions;
        this.cache = cache;
        this.caller = caller;
    }

    @GET
    @Path("{customerId}")
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "The customer's profile: computed traits with their inputs, and the latest interactions")
    @APIResponse(responseCode = "200", description = "The profile (from the cache when it has not changed since)")
    @APIResponse(responseCode = "403", description = "The token may not act for this customer",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No event about this customer yet",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<ProfileView> get(
            @PathParam("customerId") @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId) {
        caller.checkMayActFor(customerId);
        return cache.get(customerId)
                .chain(lookup -> lookup.hit().isPresent()
                        ? Uni.createFrom().item(lookup.hit().get())
                        : load(customerId).call(snapshot -> cache.put(snapshot, lookup.generation())))
                .map(snapshot -> ProfileView.of(snapshot, clv, clock.instant()));
    }

    private Uni<ProfileSnapshot> load(String customerId) {
        return Panache.withSession(() -> profiles.findById(customerId).chain(profile -> {
            if (profile == null) {
                throw Problems.notFound("no profile for customer " + customerId + ": no event about them yet");
            }
            return interactions.latest(customerId, InteractionFilter.NONE, LATEST_INTERACTIONS)
                    .map(latest -> new ProfileSnapshot(profile.customerId, profile.kind, profile.attributes,
                            new TreeMap<>(profile.holdings),
                            List.copyOf(profile.segments),
                            profile.traits, new TreeMap<>(profile.predictions), new TreeMap<>(profile.consents),
                            profile.behaviourSegment,
                            latest.stream().map(InteractionView::of).toList(), profile.updatedAt));
        }));
    }
}
