package dev.nextbest.privacy.consent;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.privacy.requests.SubjectRequested;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/**
 * This service's own part of the requests it sends on {@value SubjectRequested#TOPIC}, as every service does
 * its part: an erasure erases its consent records, an access request answers with them. A request it cannot
 * read goes to {@code privacy-service.privacy-requests.dlq}; an outage is retried.
 */
@ApplicationScoped
public class OwnRequestsConsumer {

    private final CloudEventCodec codec;
    private final ConsentErasure erasure;
    private final ConsentAccess access;

    public OwnRequestsConsumer(CloudEventCodec codec, ConsentErasure erasure, ConsentAccess access) {
        this.codec = codec;
        this.erasure = erasure;
        this.access = access;
    }

    @Incoming("privacy-requests")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonEventException("a privacy-requests record without a value");
        }
        CloudEvent event = codec.decode(record.value());
        boolean erase = SubjectRequested.ERASURE.equals(event.getType());
        if (!erase && !SubjectRequested.ACCESS.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        SubjectRequested request = codec.data(event, SubjectRequested.class);
        if (request.requestId() == null || request.customerId() == null
                || (record.key() != null && !record.key().equals(request.customerId()))) {
            throw new PoisonEventException("request " + request.requestId() + " lacks a request or customer id, or its key differs");
        }
        Uni<?> done = erase ? erasure.erase(request) : access.answer(request);
        return ConsumerRetry.retried(done, record).replaceWithVoid();
    }
}
