package dev.nextbest.nba.catalog;

import java.time.Instant;
import java.util.UUID;

/** An action in the catalogue listing: its latest version's name, place and status, and which version is live. */
public record ActionSummary(UUID id, String key, String name, String issue, String group, String description,
                            ActionStatus status, int version, Integer liveVersion, Instant createdAt, Instant updatedAt) {

    static ActionSummary of(Action action) {
        return new ActionSummary(action.id, action.key, action.name, action.issue, action.group, action.description,
                action.status, action.version, action.liveVersion, action.createdAt, action.updatedAt);
    }
}
