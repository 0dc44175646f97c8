package dev.nextbest.profile.interactions;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InteractionRepository implements PanacheRepository<Interaction> {

    public Uni<Boolean> exists(String eventSource, String eventId) {
        return count("eventSource = ?1 and eventId = ?2", eventSource, eventId).map(n -> n > 0);
    }

    /** The customer's latest interactions by event time, newest first, optionally of one channel and kind. */
    public Uni<List<Interaction>> latest(String customerId, Optional<Channel> channel, Optional<String> kind, int limit) {
        StringBuilder query = new StringBuilder("customerId = :customerId");
        Parameters parameters = Parameters.with("customerId", customerId);
        channel.ifPresent(c -> {
            query.append(" and channel = :channel");
            parameters.and("channel", c.wire());
        });
        kind.ifPresent(k -> {
            query.append(" and kind = :kind");
            parameters.and("kind", k);
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
