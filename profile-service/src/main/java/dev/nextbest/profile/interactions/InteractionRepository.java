package dev.nextbest.profile.interactions;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

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
}
