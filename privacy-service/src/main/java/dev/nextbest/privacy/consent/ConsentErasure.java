package dev.nextbest.privacy.consent;

import dev.nextbest.privacy.events.CloudEventCodec;
import dev.nextbest.privacy.events.Outbox;
import dev.nextbest.privacy.events.OutboxRelay;
import dev.nextbest.privacy.events.PoisonEventException;
import dev.nextbest.privacy.requests.ErasureCompleted;
import dev.nextbest.privacy.requests.ErasureRequested;
import io.cloudevents.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * privacy-service's own part of an erasure, as every service does it: on privacy-requests, the customer's
 * consent records and contact preferences go, with the outbox's copies of events about them; a tombstone
 * takes the place of their state on the compacted consent-changes topic (so nba-service and profile-service
 * forget it too); and the confirmation, with the counts, goes on privacy-acks. All in one transaction. Running
 * it again erases nothing more and confirms again. The audit log names customers only by digest.
 */
@ApplicationScoped
public class ConsentErasure {

    static final String SERVICE = "privacy-service";

    private final CloudEventCodec codec;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public ConsentErasure(CloudEventCodec codec, Outbox outbox, OutboxRelay relay) {
        this.codec = codec;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Incoming("privacy-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonEventException("a privacy-requests record without a value");
        }
        CloudEvent event = codec.decode(record.value());
        if (!ErasureRequested.TYPE.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        ErasureRequested request = codec.data(event, ErasureRequested.class);
        if (request.requestId() == null || request.customerId() == null
                || (record.key() != null && !record.key().equals(request.customerId()))) {
            throw new PoisonEventException("erasure request " + request.requestId() + " lacks a request or customer id, or its key differs");
        }
        return erase(request).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8)
                .replaceWithVoid();
    }

    Uni<ErasureCompleted> erase(ErasureRequested request) {
        String customerId = request.customerId();
        Map<String, Long> erased = new LinkedHashMap<>();
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                        delete(session, erased, "consentRecords", "delete from ConsentRecord where customerId = ?1", customerId)
                                .chain(() -> delete(session, erased, "contactPreferences",
                                        "delete from ContactPreference where customerId = ?1", customerId))
                                .chain(() -> delete(session, erased, "outboxEvents",
                                        "delete from OutboxEvent where recordKey = ?1 and topic = '" + ConsentLedger.TOPIC + "'", customerId))
                                .chain(() -> outbox.tombstone(ConsentLedger.TOPIC, customerId))
                                .chain(() -> {
                                    ErasureCompleted completed = new ErasureCompleted(request.requestId(), SERVICE, customerId, erased);
                                    return outbox.add(ErasureCompleted.TOPIC, customerId, ErasureCompleted.TYPE, customerId, completed)
                                            .replaceWith(completed);
                                })))
                .invoke(relay::trigger);
    }

    private static Uni<Void> delete(Mutiny.Session session, Map<String, Long> erased, String store, String query,
                                    String customerId) {
        return session.createMutationQuery(query).setParameter(1, customerId).executeUpdate()
                .invoke(count -> erased.put(store, count.longValue()))
                .replaceWithVoid();
    }
}
