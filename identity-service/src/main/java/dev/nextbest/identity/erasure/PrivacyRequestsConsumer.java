package dev.nextbest.identity.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.identity.customers.CustomerIds;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.util.UUID;

/**
 * Consumes privacy-service's {@value #TOPIC}: an erasure request ({@value #TYPE}: requestId, customerId)
 * erases the customer here and is confirmed on privacy-acks; an access request ({@value #ACCESS}) is answered
 * there ({@link IdentityAccess}). A request that cannot be read goes to
 * {@code identity-service.privacy-requests.dlq} with the reason; an outage is retried.
 */
@ApplicationScoped
public class PrivacyRequestsConsumer {

    static final String TOPIC = "privacy-requests";
    static final String TYPE = "dev.nextbest.privacy.erasure-requested.v1";
    static final String ACCESS = "dev.nextbest.privacy.access-requested.v1";

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper json;
    private final Eraser eraser;
    private final IdentityAccess access;

    public PrivacyRequestsConsumer(ObjectMapper json, Eraser eraser, IdentityAccess access) {
        this.json = json;
        this.eraser = eraser;
        this.access = access;
    }

    @Incoming("privacy-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("a privacy-requests record without a value");
        }
        CloudEvent event;
        JsonNode data;
        try {
            event = format.deserialize(record.value());
            if (!TYPE.equals(event.getType()) && !ACCESS.equals(event.getType())) {
                return Uni.createFrom().voidItem();
            }
            data = json.readTree(event.getData() == null ? new byte[0] : event.getData().toBytes());
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException("not a readable CloudEvent: " + e.getMessage(), e);
        }
        String customerId = data == null ? "" : data.path("customerId").asText();
        String requestId = data == null ? "" : data.path("requestId").asText();
        if (!customerId.matches(CustomerIds.PATTERN) || !requestId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("erasure request " + event.getId() + " needs a requestId (UUID) and a customerId");
        }
        if (record.key() != null && !record.key().equals(customerId)) {
            throw new IllegalArgumentException("erasure request " + requestId + " has a key that differs from its customerId");
        }
        Uni<?> done = ACCESS.equals(event.getType()) ? access.answer(UUID.fromString(requestId), customerId)
                : eraser.erase(UUID.fromString(requestId), customerId);
        return ConsumerRetry.retried(done, record).replaceWithVoid();
    }
}
