package dev.nextbest.privacy.changes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Registers each announced change once, however often its event is delivered. */
@ApplicationScoped
public class ChangeRegister {

    private final ChangeRepository changes;

    public ChangeRegister(ChangeRepository changes) {
        this.changes = changes;
    }

    /** @return true if registered, false if this event had been registered before */
    public Uni<Boolean> registerAction(String eventSource, String eventId, String eventType, Instant occurredAt,
                                       ActionChanged action, Map<String, Object> snapshot) {
        return Panache.withTransaction(() -> changes.exists(eventSource, eventId).chain(seen -> {
            if (seen) {
                return Uni.createFrom().item(false);
            }
            Change change = new Change();
            change.id = UUID.randomUUID();
            change.eventSource = eventSource;
            change.eventId = eventId;
            change.eventType = eventType;
            change.subjectKind = "action";
            change.subjectId = action.id().toString();
            change.subjectKey = action.key();
            change.snapshot = snapshot;
            change.status = ChangeStatus.PENDING_ASSESSMENT;
            change.occurredAt = occurredAt;
            change.receivedAt = Instant.now();
            return changes.persist(change).replaceWith(true);
        }));
    }
}
