package dev.nextbest.nba.catalog;

import java.time.Instant;
import java.util.UUID;

/** An action as the API returns it and as catalog-changes events carry it. */
public record ActionView(UUID id, String key, String name, String issue, String group, String description,
                         ActionStatus status, int version, Instant createdAt, Instant updatedAt) {

    static ActionView of(Action action) {
        return new ActionView(action.id, action.key, action.name, action.issue, action.group, action.description,
                action.status, action.version, action.createdAt, action.updatedAt);
    }
}
