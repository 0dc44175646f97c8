package dev.nextbest.profile.intake;

import dev.nextbest.profile.store.EventKey;
import dev.nextbest.profile.store.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class AppliedEventRepository implements PanacheRepositoryBase<AppliedEvent, AppliedEvent.Key> {

    private static final String RECORD_NEW = """
            INSERT INTO applied_event (event_source, event_id, customer_id, applied_at)
            SELECT r."eventSource", r."eventId", r."customerId", r."appliedAt"
            FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb))
                AS r("eventSource" text, "eventId" text, "customerId" text, "appliedAt" timestamptz)
            ON CONFLICT (event_source, event_id) DO NOTHING
            RETURNING event_source, event_id""";

    /** A non-interaction event applied to a customer's profile. */
    public record NewAppliedEvent(String eventSource, String eventId, String customerId, Instant appliedAt) {
    }

    private final JsonRows rows;

    public AppliedEventRepository(JsonRows rows) {
        this.rows = rows;
    }

    /**
     * Records each event once, in one statement and inside the caller's transaction.
     *
     * @return the events recorded now; the others had been applied before
     */
    public Uni<Set<EventKey>> recordNew(List<NewAppliedEvent> events) {
        return rows.returning(RECORD_NEW, events)
                .map(recorded -> recorded.stream().map(EventKey::of).collect(Collectors.toSet()));
    }
}
