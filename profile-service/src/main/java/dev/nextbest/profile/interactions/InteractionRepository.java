package dev.nextbest.profile.interactions;

import dev.nextbest.profile.store.EventKey;
import dev.nextbest.profile.store.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class InteractionRepository implements PanacheRepository<Interaction> {

    private static final String RECORD_NEW = """
            INSERT INTO interaction (event_source, event_id, customer_id, channel, kind, occurred_at, received_at,
                                     attributes, merge_id, merged_from)
            SELECT r."eventSource", r."eventId", r."customerId", r.channel, r.kind, r."occurredAt", r."receivedAt",
                   coalesce(r.attributes, cast('{}' AS jsonb)), r."mergeId", r."mergedFrom"
            FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb))
                AS r("eventSource" text, "eventId" text, "customerId" text, channel text,
                kind text, "occurredAt" timestamptz, "receivedAt" timestamptz, attributes jsonb,
                "mergeId" uuid, "mergedFrom" text)
            ON CONFLICT (event_source, event_id) DO NOTHING
            RETURNING event_source, event_id""";

    private final JsonRows rows;

    public InteractionRepository(JsonRows rows) {
        this.rows = rows;
    }

    /**
     * Records each interaction once per event, however often the event is delivered, in one statement and
     * inside the caller's transaction.
     *
     * @return the events recorded now; the others had been recorded before
     */
    public Uni<Set<EventKey>> recordNew(List<NewInteraction> interactions) {
        return rows.returning(RECORD_NEW, interactions)
                .map(recorded -> recorded.stream().map(EventKey::of).collect(Collectors.toSet()));
    }

    /** The customer's interactions by event time, newest first, as the filter says; at most {@code limit}. */
    public Uni<List<Interaction>> latest(String customerId, InteractionFilter filter, int limit) {
        StringBuilder query = new StringBuilder("customerId = :customerId");
        Parameters parameters = Parameters.with("customerId", customerId);
        filter.channel().ifPresent(channel -> {
            query.append(" and channel = :channel");
            parameters.and("channel", channel.wire());
        });
        filter.kind().ifPresent(kind -> {
            query.append(" and kind = :kind");
            parameters.and("kind", kind);
        });
        filter.from().ifPresent(from -> {
            query.append(" and occurredAt >= :from");
            parameters.and("from", from);
        });
        filter.to().ifPresent(to -> {
            query.append(" and occurredAt < :to");
            parameters.and("to", to);
        });
        filter.after().ifPresent(cursor -> {
            query.append(" and (occurredAt < :cursorAt or (occurredAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", cursor.occurredAt()).and("cursorId", cursor.id());
        });
        query.append(" order by occurredAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    /** Every interaction of the customer, oldest first. */
    public Uni<List<Interaction>> all(String customerId) {
        return list("customerId = ?1 order by occurredAt, id", customerId);
    }

    /** Moves every interaction of {@code from} to {@code to}, remembering the merge; the number moved. */
    public Uni<Integer> moveForMerge(String from, String to, UUID mergeId) {
        return update("customerId = ?1, mergeId = ?2, mergedFrom = ?3 where customerId = ?3", to, mergeId, from);
    }

    /** Moves back what a merge moved; the number moved. */
    public Uni<Integer> moveBack(UUID mergeId) {
        return update("customerId = mergedFrom, mergeId = null, mergedFrom = null where mergeId = ?1", mergeId);
    }
}
