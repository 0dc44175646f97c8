package dev.nextbest.nba.catalog;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.nba.catalog.EngagementPolicyResource.Policies;
import dev.nextbest.nba.catalog.EngagementPolicyResource.PolicyView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/**
 * The engagement policies of whole issues and groups. A change is checked (each policy must compile), bumps
 * the catalogue revision and announces itself on {@value Catalog#CHANGES_TOPIC}, in one transaction; then the
 * live catalogue reloads.
 */
@ApplicationScoped
public class EngagementPolicies {

    private final DefinitionCheck check;
    private final CatalogRevision revision;
    private final Outbox outbox;
    private final CatalogListener listener;
    private final Clock clock;

    public EngagementPolicies(DefinitionCheck check, CatalogRevision revision, Outbox outbox, CatalogListener listener,
                              Clock clock) {
        this.check = check;
        this.revision = revision;
        this.outbox = outbox;
        this.listener = listener;
        this.clock = clock;
    }

    public Uni<PolicyView> put(String level, String name, Policies policies, String client) {
        check.condition("eligibility", policies.eligibility());
        check.condition("applicability", policies.applicability());
        check.condition("suitability", policies.suitability());
        return Panache.withTransaction(() -> EngagementPolicy.<EngagementPolicy>findById(new EngagementPolicy.Key(level, name))
                .chain(found -> {
                    EngagementPolicy policy = found != null ? found : new EngagementPolicy();
                    policy.level = level;
                    policy.name = name;
                    policy.eligibility = policies.eligibility();
                    policy.applicability = policies.applicability();
                    policy.suitability = policies.suitability();
                    policy.changedBy = client;
                    policy.updatedAt = clock.instant();
                    PolicyView view = PolicyView.of(policy);
                    return (found != null ? Uni.createFrom().item(policy) : Panache.getSession().chain(s -> s.persist(policy)))
                            .chain(() -> revision.bump())
                            .chain(() -> announce(level, name, view))
                            .replaceWith(view);
                })).call(listener::changed);
    }

    /** Fails with 404 when the issue or group has no policies. */
    public Uni<Void> delete(String level, String name, String client) {
        PolicyView removed = new PolicyView(level, name, null, null, null, client, clock.instant());
        return Panache.withTransaction(() -> EngagementPolicy.deleteById(new EngagementPolicy.Key(level, name)).chain(deleted -> {
            if (!deleted) {
                throw Problems.notFound("no policies for " + level + " " + name);
            }
            return revision.bump().chain(() -> announce(level, name, removed));
        })).call(listener::changed).replaceWithVoid();
    }

    public Uni<List<PolicyView>> list() {
        return Panache.withSession(() -> EngagementPolicy.<EngagementPolicy>listAll()
                .map(all -> all.stream().map(PolicyView::of).toList()));
    }

    private Uni<?> announce(String level, String name, PolicyView view) {
        return outbox.add(Catalog.CHANGES_TOPIC, level + ":" + name, EngagementPolicyResource.POLICY_CHANGED,
                level + ":" + name, view);
    }
}
