package dev.nextbest.nba.decision;

import dev.nextbest.commons.events.Envelopes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.ZoneOffset;

/**
 * Sends every decision to {@value DecisionLog#TOPIC}, keyed by customer, for audit and off-policy evaluation:
 * CloudEvents binary mode (the Kafka binding: ce_* headers, the decision as the value), written by the
 * connector, so the decision's JSON is written once and not wrapped again. Not through the outbox: a decision
 * changes no state here to be consistent with. A send Kafka refuses is counted and logged.
 */
@ApplicationScoped
class DecisionPublisher {

    private static final Logger LOG = Logger.getLogger(DecisionPublisher.class);

    private final MutinyEmitter<byte[]> emitter;
    private final URI source;
    private final Counter failures;

    DecisionPublisher(@Channel("nba-decisions") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                      MutinyEmitter<byte[]> emitter, Envelopes envelopes, MeterRegistry registry) {
        this.emitter = emitter;
        this.source = envelopes.source();
        this.failures = registry.counter("nba.decision.log.failures", "store", "kafka");
    }

    void publish(Decision decision, byte[] json) {
        String key = decision.customerId() == null ? decision.decisionId().toString() : decision.customerId();
        Message<byte[]> message = Message.of(json)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(decision.decisionId().toString())
                        .withSource(source)
                        .withType(DecisionLog.TYPE)
                        .withSubject(key)
                        .withTimestamp(decision.madeAt().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.sendMessage(message).subscribe().with(ok -> { }, failure -> failed(decision, failure));
        } catch (RuntimeException full) {
            failed(decision, full);
        }
    }

    private void failed(Decision decision, Throwable failure) {
        failures.increment();
        LOG.warnf("decision %s could not be sent to %s: %s", decision.decisionId(), DecisionLog.TOPIC, failure.getMessage());
    }
}
