package dev.nextbest.nba.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Changes to the action catalogue, and its lifecycle: a new action or a change makes a DRAFT version;
 * submitted, it waits for its privacy assessment (PENDING_ASSESSMENT); approved, it goes live (ACTIVE) and
 * the version live before it is RETIRED; rejected, it goes back to DRAFT with the reason. Each change and
 * its catalog-changes event commit together, and a change to what is live bumps the catalogue revision.
 */
@ApplicationScoped
public class Catalog {

    public static final String CHANGES_TOPIC = "catalog-changes";
    public static final String ACTION_CREATED = "dev.nextbest.nba.catalog.action-created.v1";
    public static final String ACTION_REVISED = "dev.nextbest.nba.catalog.action-revised.v1";
    /** The one the privacy assessment acts on. */
    public static final String ACTION_SUBMITTED = "dev.nextbest.nba.catalog.action-submitted.v1";
    public static final String ACTION_ACTIVATED = "dev.nextbest.nba.catalog.action-activated.v1";
    public static final String ACTION_REJECTED = "dev.nextbest.nba.catalog.action-rejected.v1";
    public static final String ACTION_RETIRED = "dev.nextbest.nba.catalog.action-retired.v1";

    private final ActionRepository actions;
    private final ActionVersionRepository versions;
    private final DefinitionCheck check;
    private final CatalogRevision revision;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final CatalogListener listener;
    private final Clock clock;

    public Catalog(ActionRepository actions, ActionVersionRepository versions, DefinitionCheck check,
                   CatalogRevision revision, Outbox outbox, ObjectMapper json,
                   CatalogListener listener, Clock clock) {
        this.clock = clock;
        this.actions = actions;
        this.versions = versions;
        this.check = check;
        this.revision = revision;
        this.outbox = outbox;
        this.json = json;
        this.listener = listener;
    }

    public Uni<ActionView> create(NewAction request, String client) {
        check.check(request.definition());
        return Panache.withTransaction(() -> actions.keyExists(request.key()).chain(taken -> {
                    if (taken) {
                        throw keyTaken(request.key());
                    }
                    Instant now = now();
                    Action action = new Action();
                    action.id = UUID.randomUUID();
                    action.key = request.key();
                    action.createdAt = now;
                    ActionVersion first = newVersion(action, 1, request.definition(), client, now);
                    return actions.persist(action).chain(() -> versions.persist(first))
                            .chain(() -> publish(ACTION_CREATED, action, first));
                }))
                // Two requests racing for one key: the unique constraint decides, the loser gets the same 409.
                .onFailure(Catalog::isUniqueViolation).transform(failure -> keyTaken(request.key()));
    }

    /** A change: edits the latest version while it is a DRAFT, else starts a new DRAFT version. */
    public Uni<ActionView> revise(UUID id, ActionDefinition definition, String client) {
        check.check(definition);
        return Panache.withTransaction(() -> find(id).chain(action -> latest(action).chain(latest -> {
            Instant now = now();
            if (latest.status == ActionStatus.DRAFT) {
                latest.definition = write(definition);
                latest.changedBy = client;
                latest.note = null;
                latest.updatedAt = now;
                summarise(action, latest, definition);
                return publish(ACTION_REVISED, action, latest);
            }
            ActionVersion next = newVersion(action, latest.version + 1, definition, client, now);
            return versions.persist(next).chain(() -> publish(ACTION_REVISED, action, next));
        })));
    }

    /** Sends the latest version for its privacy assessment. */
    public Uni<ActionView> submit(UUID id, int version, String client) {
        return move(id, version, ActionStatus.DRAFT, ActionStatus.PENDING_ASSESSMENT, null, client, ACTION_SUBMITTED);
    }

    /** Its privacy assessment approved it (privacy-assessments): it goes live, replacing the version live before. */
    public Uni<ActionView> approve(UUID id, int version, String note, String client) {
        return move(id, version, ActionStatus.PENDING_ASSESSMENT, ActionStatus.ACTIVE, note, client, ACTION_ACTIVATED);
    }

    /** Its privacy assessment rejected it (privacy-assessments): back to DRAFT, with the reason. */
    public Uni<ActionView> reject(UUID id, int version, String note, String client) {
        return move(id, version, ActionStatus.PENDING_ASSESSMENT, ActionStatus.DRAFT, note, client, ACTION_REJECTED);
    }

    /** Takes the live version out of decisions at once. */
    public Uni<ActionView> retire(UUID id, String client) {
        return Panache.withTransaction(() -> find(id).chain(action -> {
            if (action.liveVersion == null) {
                throw Problems.conflict("action " + action.key + " has no live version to retire");
            }
            return versions.findById(new ActionVersion.Key(id, action.liveVersion)).chain(live -> {
                live.status = ActionStatus.RETIRED;
                live.changedBy = client;
                live.updatedAt = now();
                action.liveVersion = null;
                return latest(action).invoke(latest -> summarise(action, latest, read(latest.definition)))
                        .chain(() -> revision.bump())
                        .chain(() -> publish(ACTION_RETIRED, action, live));
            });
        })).call(listener::changed);
    }

    public Uni<ActionView> view(UUID id) {
        return Panache.withSession(() -> find(id).chain(action -> latest(action).map(latest -> view(action, latest))));
    }

    public Uni<java.util.List<ActionView>> versions(UUID id) {
        return Panache.withSession(() -> find(id).chain(action -> versions.of(id)
                .map(all -> all.stream().map(version -> view(action, version)).toList())));
    }

    private Uni<ActionView> move(UUID id, int version, ActionStatus from, ActionStatus to, String note, String client,
                                 String eventType) {
        return Panache.withTransaction(() -> find(id).chain(action -> versions.findById(new ActionVersion.Key(id, version))
                .chain(target -> {
                    if (target == null) {
                        throw Problems.notFound("action " + action.key + " has no version " + version);
                    }
                    if (target.status != from) {
                        throw Problems.conflict("version " + version + " of " + action.key + " is " + target.status
                                + "; only a " + from + " version can become " + to);
                    }
                    Instant now = now();
                    target.status = to;
                    target.note = note;
                    target.changedBy = client;
                    target.updatedAt = now;
                    Uni<Void> previous = Uni.createFrom().voidItem();
                    if (to == ActionStatus.ACTIVE) {
                        Integer wasLive = action.liveVersion;
                        action.liveVersion = version;
                        if (wasLive != null && wasLive != version) {
                            previous = versions.findById(new ActionVersion.Key(id, wasLive)).invoke(old -> {
                                old.status = ActionStatus.RETIRED;
                                old.note = "replaced by version " + version;
                                old.updatedAt = now;
                            }).replaceWithVoid();
                        }
                        previous = previous.chain(() -> revision.bump()).replaceWithVoid();
                    }
                    return previous.chain(() -> latest(action))
                            .invoke(latest -> summarise(action, latest, read(latest.definition)))
                            .chain(() -> publish(eventType, action, target));
                }))).call(listener::changed);
    }

    private Uni<Action> find(UUID id) {
        return actions.findById(id).map(action -> {
            if (action == null) {
                throw Problems.notFound("no action with id " + id);
            }
            return action;
        });
    }

    private Uni<ActionVersion> latest(Action action) {
        return versions.findById(new ActionVersion.Key(action.id, action.version));
    }

    private ActionVersion newVersion(Action action, int number, ActionDefinition definition, String client, Instant now) {
        ActionVersion version = new ActionVersion();
        version.actionId = action.id;
        version.version = number;
        version.status = ActionStatus.DRAFT;
        version.definition = write(definition);
        version.changedBy = client;
        version.createdAt = now;
        version.updatedAt = now;
        summarise(action, version, definition);
        return version;
    }

    /** The action row summarises its latest version, for listing. */
    private static void summarise(Action action, ActionVersion latest, ActionDefinition definition) {
        action.version = latest.version;
        action.status = latest.status;
        action.name = definition.name();
        action.issue = definition.issue();
        action.group = definition.group();
        action.description = definition.description();
        action.updatedAt = latest.updatedAt;
    }

    private Uni<ActionView> publish(String type, Action action, ActionVersion version) {
        ActionView view = view(action, version);
        return outbox.add(CHANGES_TOPIC, action.id.toString(), type, action.id.toString(), view).replaceWith(view);
    }

    ActionView view(Action action, ActionVersion version) {
        return new ActionView(action.id, action.key, version.version, version.status, action.liveVersion,
                read(version.definition), version.note, version.changedBy, action.createdAt, version.updatedAt);
    }

    String write(ActionDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ActionDefinition read(String definition) {
        try {
            return json.readValue(definition, ActionDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored action definition cannot be read", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static HttpProblem keyTaken(String key) {
        return Problems.conflict("an action with key '" + key + "' already exists");
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
