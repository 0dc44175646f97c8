package dev.nextbest.privacy.changes;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Registers each announced change once, however often its event is delivered. */
@ApplicationScoped
public class ChangeRegister {

    private final ChangeRepository changes;
    private final Clock clock;

    public ChangeRegister(ChangeRepository changes, Clock clock) {
        this.clock = clock;
        this.changes = changes;
    }

    /** What an event announces, as the register keeps it. */
    public record Announcement(String eventSource, String eventId, String eventType, Instant occurredAt,
                               String subjectKind, String subjectId, String subjectKey, Integer subjectVersion,
                               Map<String, Object> snapshot) {
    }

    /**
     * Registers the change inside the caller's transaction.
     *
     * @return the new change, or null if this event had been registered before
     */
    public Uni<Change> register(Announcement announced, ChangeStatus status) {
        return changes.exists(announced.eventSource(), announced.eventId()).chain(seen -> {
            if (seen) {
                return Uni.createFrom().nullItem();
            }
            Change change = new Change();
            change.id = UUID.randomUUID();
            change.eventSource = announced.eventSource();
            change.eventId = announced.eventId();
            change.eventType = announced.eventType();
            change.subjectKind = announced.subjectKind();
            change.subjectId = announced.subjectId();
            change.subjectKey = announced.subjectKey();
            change.subjectVersion = announced.subjectVersion();
            change.snapshot = announced.snapshot();
            change.status = status;
            change.occurredAt = announced.occurredAt();
            change.receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return changes.persist(change);
        });
    }
}
