package dev.nextbest.identity.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * This service's answer to an access request, on privacy-acks: the customer record, the ids merged into them,
 * every identifier linked to them (its type, whether verified, where and when seen, and the keyed pseudonym
 * that is all that is stored of its value) and the merges that name them.
 */
@ApplicationScoped
public class IdentityAccess {

    public static final String TYPE = "dev.nextbest.privacy.access-part.v1";

    /** Data of a {@value #TYPE} event. */
    public record AccessPart(UUID requestId, String service, String customerId, Map<String, Object> data) {
    }

    private static final String CUSTOMERS = """
            WITH RECURSIVE person(id) AS (
                SELECT id FROM customer WHERE id = ?1
                UNION SELECT c.id FROM customer c JOIN person p ON c.merged_into = p.id)
            SELECT coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind, 'createdAt', c.created_at,
                       'mergedInto', c.merged_into) ORDER BY c.created_at), '[]')::text
            FROM customer c JOIN person p ON c.id = p.id""";
    private static final String IDENTIFIERS = """
            SELECT coalesce(json_agg(json_build_object('customerId', customer_id, 'type', type, 'verified', verified,
                       'source', source, 'firstSeen', first_seen, 'lastSeen', last_seen, 'pseudonym', pseudonym)
                       ORDER BY first_seen), '[]')::text
            FROM identifier WHERE customer_id = ANY(?1)""";
    private static final String MERGES = """
            SELECT coalesce(json_agg(to_jsonb(m) ORDER BY m.merged_at), '[]')::text
            FROM customer_merge m WHERE survivor_id = ANY(?1) OR absorbed_id = ANY(?1)""";

    private final Outbox outbox;
    private final ObjectMapper json;

    public IdentityAccess(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<AccessPart> answer(UUID requestId, String customerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CUSTOMERS, String.class).setParameter(1, customerId).getSingleResult()
                        .chain(customers -> {
                            JsonNode people = tree(customers);
                            data.put("customers", people);
                            String[] ids = people.findValuesAsText("id").toArray(String[]::new);
                            return session.createNativeQuery(IDENTIFIERS, String.class).setParameter(1, ids).getSingleResult()
                                    .invoke(found -> data.put("identifiers", tree(found)))
                                    .chain(() -> session.createNativeQuery(MERGES, String.class).setParameter(1, ids).getSingleResult())
                                    .invoke(found -> data.put("merges", tree(found)));
                        })
                        .chain(() -> {
                            AccessPart part = new AccessPart(requestId, Eraser.SERVICE, customerId, data);
                            return outbox.add(ErasureCompleted.TOPIC, customerId, TYPE, customerId, part).replaceWith(part);
                        })));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
