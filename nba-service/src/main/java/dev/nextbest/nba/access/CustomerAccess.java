package dev.nextbest.nba.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Outbox;
import dev.nextbest.nba.consent.CustomerConsents;
import dev.nextbest.nba.contact.ContactCounters;
import dev.nextbest.nba.decision.Decision;
import dev.nextbest.nba.decision.DecisionLog;
import dev.nextbest.nba.features.ProfileFeatures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * This service's answer to an access request, on privacy-acks: the features and consents it keeps of the
 * customer, their contact history, every response, and every decision made for them (what was offered and
 * why; the full funnel stays in {@code GET /nba/v1/decisions/{id}}).
 */
@ApplicationScoped
public class CustomerAccess {

    static final String SERVICE = "nba-service";
    static final String TOPIC = "privacy-acks";
    public static final String TYPE = "dev.nextbest.privacy.access-part.v1";

    /** Data of a {@value #TYPE} event. */
    public record AccessPart(UUID requestId, String service, String customerId, Map<String, Object> data) {
    }

    private final ProfileFeatures features;
    private final CustomerConsents consents;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final DecisionLog decisionLog;

    public CustomerAccess(ProfileFeatures features, CustomerConsents consents, ReactiveRedisDataSource redis,
                          Outbox outbox, ObjectMapper json, DecisionLog decisionLog) {
        this.features = features;
        this.consents = consents;
        this.hashes = redis.hash(String.class);
        this.outbox = outbox;
        this.json = json;
        this.decisionLog = decisionLog;
    }

    public Uni<AccessPart> answer(UUID requestId, String customerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        // Before PostgreSQL: a decision leaves memory only once it is stored.
        List<Decision> unstored = decisionLog.unstored(customerId);
        return features.find(customerId).invoke(found -> data.put("profileFeatures", tree(found)))
                .chain(() -> consents.find(customerId)).invoke(found -> data.put("consents", tree(found)))
                .chain(() -> hashes.hgetall(ContactCounters.KEY + customerId)).invoke(history -> data.put("contactHistory", history))
                .chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT convert_from(record, 'UTF8') FROM decision WHERE customer_id = ?1 ORDER BY made_at",
                                String.class).setParameter(1, customerId).getResultList()
                        .invoke(decisions -> data.put("decisions", withUnstored(unstored, decisions)))
                        .chain(() -> session.createNativeQuery("""
                                        SELECT json_build_object('responseId', id, 'decisionId', decision_id, 'action', action_key,
                                            'type', type, 'channel', channel, 'value', value, 'occurredAt', occurred_at)::text
                                        FROM response WHERE customer_id = ?1 ORDER BY occurred_at""", String.class)
                                .setParameter(1, customerId).getResultList())
                        .invoke(responses -> data.put("responses", responses.stream().map(this::tree).toList()))
                        .chain(() -> {
                            AccessPart part = new AccessPart(requestId, SERVICE, customerId, data);
                            return outbox.add(TOPIC, customerId, TYPE, customerId, part).replaceWith(part);
                        }))));
    }

    /** The stored decisions and those still on their way, each once, oldest first. */
    private List<Map<String, Object>> withUnstored(List<Decision> unstored, List<String> stored) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        stored.stream().map(record -> summary(tree(record)))
                .forEach(summary -> byId.put(((JsonNode) summary.get("decisionId")).asText(), summary));
        unstored.stream().sorted(Comparator.comparing(Decision::madeAt)).forEach(decision ->
                byId.putIfAbsent(decision.decisionId().toString(), summary(json.valueToTree(decision))));
        return List.copyOf(byId.values());
    }

    /** What was offered and why, without the funnel of every other action. */
    private Map<String, Object> summary(JsonNode decision) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String field : List.of("decisionId", "madeAt", "channel", "placement", "group", "defaulted", "context")) {
            summary.put(field, decision.get(field));
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        decision.path("actions").forEach(action -> actions.add(Map.of("rank", action.path("rank").asInt(),
                "actionKey", action.path("actionKey").asText(), "name", action.path("name").asText(),
                "reasonCodes", action.path("reasonCodes"), "reason", action.path("reason").asText())));
        summary.put("actions", actions);
        return summary;
    }

    private JsonNode tree(Optional<String> found) {
        return found.map(this::tree).orElse(null);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored record is not JSON", e);
        }
    }
}
