package dev.nextbest.nba.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.nba.decision.CustomerResolver;
import dev.nextbest.nba.decision.DecisionPipeline;
import dev.nextbest.nba.decision.DecisionRequest;
import dev.nextbest.nba.features.ProfileFeatures;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * One call for the agent desktop: the customer (an id, or the caller's phone number), their 360 profile from
 * profile-service and the top actions, fetched together. profile-service gets a short time limit; past it
 * (or when it fails) the view falls back to this service's own copy of the profile's features, and says so.
 */
@Path("/nba/v1/agent-view")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
public class AgentViewResource {

    private static final Logger LOG = Logger.getLogger(AgentViewResource.class);

    private final CustomerResolver customers;
    private final DecisionPipeline pipeline;
    private final ProfileClient profiles;
    private final ProfileFeatures features;
    private final ObjectMapper json;
    private final Caller caller;
    private final Duration timeout;

    public AgentViewResource(CustomerResolver customers, DecisionPipeline pipeline, @RestClient ProfileClient profiles,
                             ProfileFeatures features, ObjectMapper json, Caller caller,
                             AgentViewConfig config) {
        this.customers = customers;
        this.pipeline = pipeline;
        this.profiles = profiles;
        this.features = features;
        this.json = json;
        this.caller = caller;
        this.timeout = config.profileTimeout();
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The customer's 360 profile and top actions in one call (channel, placement, context and limit as for a decision)")
    public Uni<AgentView> view(@NotNull(message = "a JSON body is required") @Valid DecisionRequest request) {
        return customers.customerId(request.customer()).chain(customerId -> {
            caller.checkMayActFor(customerId);
            DecisionRequest forId = new DecisionRequest(new DecisionRequest.CustomerRef(customerId, null), request.channel(),
                    request.placement(), request.context(), request.limit(), request.explain(), request.serviceLevelMs());
            return Uni.combine().all().unis(profile(customerId), pipeline.decide(forId, caller)).asTuple()
                    .map(both -> new AgentView(customerId, both.getItem1().source(), both.getItem1().profile(),
                            request.wantsExplanation() ? both.getItem2() : both.getItem2().withoutFunnel()));
        });
    }

    private record Found(String source, JsonNode profile) {
    }

    private Uni<Found> profile(String customerId) {
        return profiles.profile(customerId)
                .ifNoItem().after(timeout).fail()
                .map(profile -> new Found("profile-service", profile))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithItem(new Found("none", null))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("profile-service did not give the 360 view in time (%s); using the local snapshot", failure.getClass().getSimpleName());
                    return features.find(customerId).map(snapshot -> snapshot
                            .map(text -> new Found("snapshot", read(text)))
                            .orElse(new Found("unavailable", null)));
                });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
