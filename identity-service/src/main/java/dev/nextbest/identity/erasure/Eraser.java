package dev.nextbest.identity.erasure;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.identity.customers.CustomerCache;
import dev.nextbest.identity.identifiers.IdentifierCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Erases a customer from the identity graph, in one transaction: the customer, the ids merged into them
 * (the same person under earlier ids), their identifiers' pseudonyms, the merge records that name them, and
 * the outbox's copies of events about them. Then the caches forget them, and the confirmation, with the
 * counts, goes on privacy-acks. Running it again erases nothing more and confirms again.
 */
@ApplicationScoped
public class Eraser {

    static final String SERVICE = "identity-service";

    /** The customer and, transitively, every id merged into them. */
    private static final String SAME_PERSON = """
            WITH RECURSIVE person(id) AS (
                SELECT id FROM customer WHERE id = ?1
                UNION SELECT c.id FROM customer c JOIN person p ON c.merged_into = p.id)
            SELECT id FROM person""";

    private final Outbox outbox;
    private final IdentifierCache identifiers;
    private final CustomerCache customers;

    public Eraser(Outbox outbox, IdentifierCache identifiers, CustomerCache customers) {
        this.outbox = outbox;
        this.identifiers = identifiers;
        this.customers = customers;
    }

    public Uni<ErasureCompleted> erase(UUID requestId, String customerId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(SAME_PERSON, String.class).setParameter(1, customerId).getResultList()
                        .chain(ids -> session.createNativeQuery("SELECT pseudonym FROM identifier WHERE customer_id = ANY(?1)", String.class)
                                .setParameter(1, ids.toArray(String[]::new)).getResultList()
                                .chain(pseudonyms -> eraseRows(session, ids, erased)
                                        .replaceWith(new Forget(ids, pseudonyms))))))
                .call(forget -> identifiers.evict(forget.pseudonyms()).invoke(count -> erased.put("cachedIdentifiers", count.longValue())))
                .call(forget -> customers.evict(forget.ids()))
                .chain(forget -> Panache.withTransaction(() -> {
                    ErasureCompleted completed = new ErasureCompleted(requestId, SERVICE, customerId, erased);
                    return outbox.add(ErasureCompleted.TOPIC, customerId, ErasureCompleted.TYPE, customerId, completed)
                            .replaceWith(completed);
                }));
    }

    private record Forget(List<String> ids, List<String> pseudonyms) {
    }

    private static Uni<Void> eraseRows(Mutiny.Session session, List<String> ids, Map<String, Long> erased) {
        String[] array = ids.toArray(String[]::new);
        erased.put("customers", (long) ids.size());
        return delete(session, erased, "mergedIdentifiers", """
                        DELETE FROM customer_merge_identifier WHERE merge_id IN
                            (SELECT id FROM customer_merge WHERE survivor_id = ANY(?1) OR absorbed_id = ANY(?1))
                        OR identifier_id IN (SELECT id FROM identifier WHERE customer_id = ANY(?1))""", array)
                .chain(() -> delete(session, erased, "merges",
                        "DELETE FROM customer_merge WHERE survivor_id = ANY(?1) OR absorbed_id = ANY(?1)", array))
                .chain(() -> delete(session, erased, "identifiers", "DELETE FROM identifier WHERE customer_id = ANY(?1)", array))
                .chain(() -> delete(session, erased, "customers", "DELETE FROM customer WHERE id = ANY(?1)", array))
                .chain(() -> delete(session, erased, "outboxEvents", "DELETE FROM outbox_event WHERE record_key = ANY(?1)", array));
    }

    private static Uni<Void> delete(Mutiny.Session session, Map<String, Long> erased, String store, String sql, String[] ids) {
        return session.createNativeQuery(sql).setParameter(1, ids).executeUpdate()
                .invoke(count -> erased.put(store, count.longValue()))
                .replaceWithVoid();
    }
}
