package dev.nextbest.profile.erasure;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.snapshots.ProfileUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Erases everything this service holds about a customer, in one transaction: the interaction history
 * (including interactions a merge moved to or from them), the record of applied events, the profile, merge
 * records, and the outbox's copies of events about them (published or not); a tombstone for the compacted
 * profile-updates topic takes the place of its snapshots there. Then its Redis keys go, and
 * an acknowledgement with the counts is published on privacy-acks: it names the pseudonymous id and nothing
 * else, and leaves the outbox with the usual retention. Running it again erases nothing more and
 * acknowledges again.
 */
@ApplicationScoped
public class Eraser {

    static final String SERVICE = "profile-service";

    private final Outbox outbox;
    private final ProfileCache cache;
    private final ProfileUpdates updates;

    public Eraser(Outbox outbox, ProfileCache cache, ProfileUpdates updates) {
        this.outbox = outbox;
        this.updates = updates;
        this.cache = cache;
    }

    public Uni<ErasureCompleted> erase(UUID requestId, String customerId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                        delete(session, erased, "interactions",
                                "delete from Interaction where customerId = ?1 or mergedFrom = ?1", customerId)
                        .chain(() -> delete(session, erased, "appliedEvents",
                                "delete from AppliedEvent where customerId = ?1", customerId))
                        .chain(() -> delete(session, erased, "profiles",
                                "delete from Profile where customerId = ?1", customerId))
                        .chain(() -> delete(session, erased, "merges",
                                "delete from ProfileMerge where survivorId = ?1 or absorbedId = ?1", customerId))
                        .chain(() -> delete(session, erased, "outboxEvents",
                                "delete from OutboxEvent where recordKey = ?1", customerId))
                        .chain(() -> updates.erased(customerId))
                        .chain(() -> {
                            ErasureCompleted completed = new ErasureCompleted(requestId, SERVICE, customerId, erased);
                            return outbox.add(ErasureCompleted.TOPIC, customerId, ErasureCompleted.TYPE, customerId,
                                    completed).replaceWith(completed);
                        })))
                .call(() -> cache.erase(customerId));
    }

    private static Uni<Void> delete(Mutiny.Session session, Map<String, Long> erased, String store, String query,
                                    String customerId) {
        return session.createMutationQuery(query).setParameter(1, customerId).executeUpdate()
                .invoke(count -> erased.put(store, count.longValue()))
                .replaceWithVoid();
    }
}
