package dev.nextbest.nba.catalog;

import dev.nextbest.nba.events.Outbox;
import dev.nextbest.nba.events.OutboxRelay;
import dev.nextbest.nba.security.Caller;
import dev.nextbest.nba.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    private final DefinitionCheck check;
    private final CatalogRevision revision;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Caller caller;
    private final CatalogListener listener;

    public EngagementPolicyResource(DefinitionCheck check, CatalogRevision revision, Outbox outbox, OutboxRelay relay,
                                    Caller caller, CatalogListener listener) {
        this.check = check;
        this.revision = revision;
        this.outbox = outbox;
        this.relay = relay;
        this.caller = caller;
        this.listener = listener;
    }

    @PUT
    @Path("{level}/{name}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the engagement policies of an issue (level 'issue') or a group (level 'group')")
    public Uni<PolicyView> put(@PathParam("level") @Pattern(regexp = "issue|group", message = "must be issue or group") String level,
                               @PathParam("name") @Pattern(regexp = ActionDefinition.SLUG, message = ActionDefinition.SLUG_MESSAGE) String name,
                               @NotNull(message = "a JSON body is required") @Valid Policies policies) {
        check.condition("eligibility", policies.eligibility());
        check.condition("applicability", policies.applicability());
        check.condition("suitability", policies.suitability());
        String client = caller.clientId();
        return Panache.withTransaction(() -> EngagementPolicy.<EngagementPolicy>findById(new EngagementPolicy.Key(level, name))
                .chain(found -> {
                    EngagementPolicy policy = found != null ? found : new EngagementPolicy();
                    policy.level = level;
                    policy.name = name;
                    policy.eligibility = policies.eligibility();
                    policy.applicability = policies.applicability();
                    policy.suitability = policies.suitability();
                    policy.changedBy = client;
                    policy.updatedAt = Instant.now();
                    PolicyView view = PolicyView.of(policy);
                    return (found != null ? Uni.createFrom().item(policy) : Panache.getSession().chain(s -> s.persist(policy)))
                            .chain(() -> revision.bump())
                            .chain(() -> outbox.add(Catalog.CHANGES_TOPIC, level + ":" + name, POLICY_CHANGED, level + ":" + name, view))
                            .replaceWith(view);
                })).invoke(relay::trigger).call(listener::changed);
    }

    @DELETE
    @Path("{level}/{name}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Remove an issue's or group's engagement policies")
    public Uni<Response> delete(@PathParam("level") @Pattern(regexp = "issue|group", message = "must be issue or group") String level,
                                @PathParam("name") @Pattern(regexp = ActionDefinition.SLUG, message = ActionDefinition.SLUG_MESSAGE) String name) {
        PolicyView removed = new PolicyView(level, name, null, null, null, caller.clientId(), Instant.now());
        return Panache.withTransaction(() -> EngagementPolicy.deleteById(new EngagementPolicy.Key(level, name)).chain(deleted -> {
            if (!deleted) {
                throw HttpProblem.builder().withStatus(Response.Status.NOT_FOUND).withTitle("Not Found")
                        .withDetail("no policies for " + level + " " + name).build();
            }
            return revision.bump().chain(() -> outbox.add(Catalog.CHANGES_TOPIC, level + ":" + name, POLICY_CHANGED,
                    level + ":" + name, removed));
        })).invoke(relay::trigger).call(listener::changed).replaceWith(Response.noContent().build());
    }

    @GET
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Every issue's and group's engagement policies")
    public Uni<List<PolicyView>> list() {
        return Panache.withSession(() -> EngagementPolicy.<EngagementPolicy>listAll()
                .map(all -> all.stream().map(PolicyView::of).toList()));
    }
}
