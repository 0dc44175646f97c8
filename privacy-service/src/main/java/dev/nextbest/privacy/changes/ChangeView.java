package dev.nextbest.privacy.changes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A registered change as the API returns it. */
public record ChangeView(UUID id, String subjectKind, String subjectId, String subjectKey, Integer subjectVersion,
                         String eventType,
                         ChangeStatus status, Instant occurredAt, Instant receivedAt, Map<String, Object> snapshot) {

    static ChangeView of(Change change) {
        return new ChangeView(change.id, change.subjectKind, change.subjectId, change.subjectKey, change.subjectVersion, change.eventType,
                change.status, change.occurredAt, change.receivedAt, change.snapshot);
    }
}
