package dev.nextbest.privacy.assessment;

import dev.nextbest.privacy.changes.ActionChanged;
import dev.nextbest.privacy.changes.ChangeRegister;
import dev.nextbest.privacy.changes.ChangeStatus;
import dev.nextbest.privacy.changes.EngagementPolicyChanged;
import dev.nextbest.privacy.changes.ModelRegistered;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Takes in the changes nba-service announces: each is registered once; a submitted action version and a
 * registered model are assessed in the same transaction; engagement policies are kept for the actions that
 * read them.
 */
@ApplicationScoped
public class ChangeIntake {

    private final ChangeRegister register;
    private final Assessments assessments;
    private final Clock clock;

    public ChangeIntake(ChangeRegister register, Assessments assessments, Clock clock) {
        this.clock = clock;
        this.register = register;
        this.assessments = assessments;
    }

    /** @return whether the event was new */
    public Uni<Boolean> action(ChangeRegister.Announcement announced, ActionChanged action, boolean submitted) {
        ChangeStatus status = submitted ? ChangeStatus.PENDING_ASSESSMENT : ChangeStatus.RECORDED;
        return Panache.withTransaction(() -> register.register(announced, status).chain(change -> {
            if (change == null || !submitted) {
                return Uni.createFrom().item(change != null);
            }
            return Panache.getSession().chain(session -> session
                            .createQuery("from CatalogPolicy where (level = 'issue' and name = :issue) or (level = 'group' and name = :group)",
                                    CatalogPolicy.class)
                            .setParameter("issue", action.definition().issue())
                            .setParameter("group", action.definition().group())
                            .getResultList()
                            .chain(policies -> session.createQuery("from ModelRegistration", ModelRegistration.class)
                                    .getResultList()
                                    .map(models -> ChangeInputs.action(action, policies, models))))
                    .chain(inputs -> assessments.assess(change, inputs))
                    .replaceWith(true);
        }));
    }

    /** @return whether the event was new */
    public Uni<Boolean> model(ChangeRegister.Announcement announced, ModelRegistered model) {
        return Panache.withTransaction(() -> register.register(announced, ChangeStatus.PENDING_ASSESSMENT).chain(change -> {
            if (change == null) {
                return Uni.createFrom().item(false);
            }
            return Panache.getSession().chain(session -> session
                    .createQuery("select count(*) from ModelRegistration where name = :name", Long.class)
                    .setParameter("name", model.name()).getSingleResult()
                    .chain(earlier -> {
                        ModelRegistration registration = new ModelRegistration();
                        registration.name = model.name();
                        registration.version = model.version();
                        registration.scope = new ModelRegistration.Scope(List.copyOf(model.groups()),
                                model.features().stream().map(ModelRegistered.Feature::source).distinct().sorted().toList());
                        registration.registeredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        return session.merge(registration)
                                .chain(() -> assessments.assess(change, ChangeInputs.model(model, earlier == 0)));
                    }))
                    .replaceWith(true);
        }));
    }

    /** Keeps an issue's or group's engagement policies as they now stand; an older announcement changes nothing. */
    public Uni<Void> engagementPolicy(EngagementPolicyChanged changed) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .find(CatalogPolicy.class, new CatalogPolicy.Key(changed.level(), changed.name()))
                .chain(existing -> {
                    if (existing != null && existing.updatedAt.isAfter(changed.updatedAt())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (changed.removed()) {
                        return existing == null ? Uni.createFrom().voidItem() : session.remove(existing);
                    }
                    CatalogPolicy policy = existing != null ? existing : new CatalogPolicy();
                    policy.level = changed.level();
                    policy.name = changed.name();
                    policy.eligibility = changed.eligibility();
                    policy.applicability = changed.applicability();
                    policy.suitability = changed.suitability();
                    policy.updatedAt = changed.updatedAt();
                    return existing != null ? Uni.createFrom().voidItem() : session.persist(policy);
                })));
    }
}
