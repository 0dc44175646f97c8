package dev.nextbest.nba.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * An action as the API returns it and as catalog-changes events carry it: the latest version (number, status
 * and definition), and which version is live.
 */
public record ActionView(UUID id, String key, int version, ActionStatus status, Integer liveVersion,
                         ActionDefinition definition, String note, String changedBy, Instant createdAt,
                         Instant updatedAt) {
}
