package dev.nextbest.privacy.consent;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.privacy.requests.ErasureCompleted;
import dev.nextbest.privacy.requests.SubjectRequested;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * privacy-service's own part of an erasure, as every service does it: the customer's consent records,
 * contact preferences and access bundles go, with the outbox's copies of events about them; a tombstone
 * takes the place of their state on the compacted consent-changes topic (so nba-service and profile-service
 * forget it too); and the confirmation, with the counts, goes on privacy-acks. All in one transaction. Running
 * it again erases nothing more and confirms again. The audit log names customers only by digest.
 */
@ApplicationScoped
public class ConsentErasure {

    static final String SERVICE = "privacy-service";

    private final Outbox outbox;

    public ConsentErasure(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<ErasureCompleted> erase(SubjectRequested request) {
        String customerId = request.customerId();
        Map<String, Long> erased = new LinkedHashMap<>();
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                        delete(session, erased, "consentRecords", "delete from ConsentRecord where customerId = ?1", customerId)
                                .chain(() -> delete(session, erased, "contactPreferences",
                                        "delete from ContactPreference where customerId = ?1", customerId))
                                .chain(() -> delete(session, erased, "accessBundles", "delete from ServiceConfirmation where requestId in "
                                        + "(select id from SubjectRequest where customerId = ?1 and kind = 'ACCESS')", customerId))
                                .chain(() -> delete(session, erased, "accessRequests",
                                        "delete from SubjectRequest where customerId = ?1 and kind = 'ACCESS'", customerId))
                                .chain(() -> delete(session, erased, "outboxEvents",
                                        "delete from OutboxEvent where recordKey = ?1 and topic = '" + ConsentLedger.TOPIC + "'", customerId))
                                .chain(() -> outbox.tombstone(ConsentLedger.TOPIC, customerId))
                                .chain(() -> {
                                    ErasureCompleted completed = new ErasureCompleted(request.requestId(), SERVICE, customerId, erased);
                                    return outbox.add(ErasureCompleted.TOPIC, customerId, ErasureCompleted.TYPE, customerId, completed)
                                            .replaceWith(completed);
                                })));
    }

    private static Uni<Void> delete(Mutiny.Session session, Map<String, Long> erased, String store, String query,
                                    String customerId) {
        return session.createMutationQuery(query).setParameter(1, customerId).executeUpdate()
                .invoke(count -> erased.put(store, count.longValue()))
                .replaceWithVoid();
    }
}
