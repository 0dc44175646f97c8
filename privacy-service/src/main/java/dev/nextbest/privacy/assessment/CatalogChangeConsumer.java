package dev.nextbest.privacy.assessment;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.privacy.changes.ActionChanged;
import dev.nextbest.privacy.changes.ChangeRegister;
import dev.nextbest.privacy.changes.EngagementPolicyChanged;
import dev.nextbest.privacy.changes.ModelRegistered;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

/**
 * Consumes {@code catalog-changes}: actions (registered; assessed when submitted), models (registered and
 * assessed) and engagement policies (kept for the actions' assessments). An event that can never be
 * processed fails with a {@link PoisonEventException} and goes to the dead-letter topic with the reason; a
 * failure that may pass (the database restarting) is retried with back-off first.
 */
@ApplicationScoped
public class CatalogChangeConsumer {


    private final CloudEventCodec codec;
    private final ChangeIntake intake;
    private final Counter registered;
    private final Counter duplicates;
    private final Counter passedOver;
    private final Clock clock;

    public CatalogChangeConsumer(CloudEventCodec codec, ChangeIntake intake, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.codec = codec;
        this.intake = intake;
        this.registered = registry.counter("privacy.changes.registered");
        this.duplicates = registry.counter("privacy.changes.duplicates");
        this.passedOver = registry.counter("privacy.changes.passed-over");
    }

    @Incoming("catalog-changes")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        String type = event.getType();
        if (ActionChanged.PASSED_OVER.contains(type)) {
            passedOver.increment();
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> work;
        if (ActionChanged.TYPES.contains(type)) {
            work = action(record, event);
        } else if (ModelRegistered.TYPE.equals(type)) {
            ModelRegistered model = codec.data(event, ModelRegistered.class);
            work = intake.model(announcement(event, "model", model.name(), model.name(), model.version()), model);
        } else if (EngagementPolicyChanged.TYPE.equals(type)) {
            work = intake.engagementPolicy(codec.data(event, EngagementPolicyChanged.class)).replaceWith(true);
        } else {
            TreeSet<String> known = new TreeSet<>(ActionChanged.TYPES);
            known.add(ModelRegistered.TYPE);
            known.add(EngagementPolicyChanged.TYPE);
            throw new PoisonEventException("event " + event.getId() + " has type " + type
                    + ", which this consumer does not handle (expected one of " + known + ")");
        }
        return ConsumerRetry.retried(work, "taking in event " + event.getId())
                .invoke(isNew -> (isNew ? registered : duplicates).increment())
                .replaceWithVoid();
    }

    private Uni<Boolean> action(ConsumerRecord<String, byte[]> record, CloudEvent event) {
        ActionChanged action = codec.data(event, ActionChanged.class);
        if (record.key() != null && !record.key().equals(action.id().toString())) {
            throw new PoisonEventException("event " + event.getId()
                    + " has a Kafka key that differs from its action id: the key must be the action id");
        }
        boolean submitted = ActionChanged.ACTION_SUBMITTED.equals(event.getType());
        if (submitted && (action.version() == null || action.definition() == null)) {
            throw new PoisonEventException("event " + event.getId() + " submits an action without its version and definition");
        }
        return intake.action(announcement(event, "action", action.id().toString(), action.key(), action.version()), action, submitted);
    }

    @SuppressWarnings("unchecked")
    private ChangeRegister.Announcement announcement(CloudEvent event, String kind, String id, String key, Integer version) {
        Map<String, Object> snapshot = codec.data(event, Map.class);
        Instant occurredAt = event.getTime() == null ? clock.instant() : event.getTime().toInstant();
        return new ChangeRegister.Announcement(event.getSource().toString(), event.getId(), event.getType(), occurredAt,
                kind, id, key, version, snapshot);
    }
}
