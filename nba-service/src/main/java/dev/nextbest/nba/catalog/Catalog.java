package dev.nextbest.nba.catalog;

import dev.nextbest.nba.events.Outbox;
import dev.nextbest.nba.events.OutboxRelay;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Changes to the action catalogue. Each change and its catalog-changes event commit together. */
@ApplicationScoped
public class Catalog {

    public static final String CHANGES_TOPIC = "catalog-changes";
    public static final String ACTION_CREATED = "dev.nextbest.nba.catalog.action-created.v1";

    private final ActionRepository actions;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public Catalog(ActionRepository actions, Outbox outbox, OutboxRelay relay) {
        this.actions = actions;
        this.outbox = outbox;
        this.relay = relay;
    }

    public Uni<ActionView> create(NewAction request) {
        return Panache.withTransaction(() -> actions.keyExists(request.key()).chain(taken -> {
                    if (taken) {
                        throw keyTaken(request.key());
                    }
                    Action action = newDraft(request);
                    ActionView view = ActionView.of(action);
                    return actions.persist(action)
                            .call(() -> outbox.add(CHANGES_TOPIC, action.id.toString(), ACTION_CREATED,
                                    action.id.toString(), view))
                            .replaceWith(view);
                }))
                // Two requests racing for one key: the unique constraint decides, the loser gets the same 409.
                .onFailure(Catalog::isUniqueViolation).transform(failure -> keyTaken(request.key()))
                .invoke(relay::trigger);
    }

    private static Action newDraft(NewAction request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Action action = new Action();
        action.id = UUID.randomUUID();
        action.key = request.key();
        action.name = request.name().strip();
        action.issue = request.issue();
        action.group = request.group();
        action.description = request.description();
        action.status = ActionStatus.DRAFT;
        action.version = 1;
        action.createdAt = now;
        action.updatedAt = now;
        return action;
    }

    private static HttpProblem keyTaken(String key) {
        return HttpProblem.builder()
                .withStatus(Response.Status.CONFLICT)
                .withTitle("Conflict")
                .withDetail("an action with key '" + key + "' already exists")
                .build();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("action_key_unique")) {
                return true;
            }
        }
        return false;
    }
}
