package dev.nextbest.profile.interactions;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Records an interaction once per event, however often the event is delivered. */
@ApplicationScoped
public class InteractionRecorder {

    private final InteractionRepository repository;

    public InteractionRecorder(InteractionRepository repository) {
        this.repository = repository;
    }

    /**
     * Inside the caller's transaction.
     *
     * @return true if recorded, false if this event had been recorded before
     */
    public Uni<Boolean> record(String eventSource, String eventId, String customerId, Instant occurredAt,
                               InteractionRecorded data) {
        return record(eventSource, eventId, customerId, occurredAt, data, null, null);
    }

    /**
     * For an event that names a customer merged into another: recorded for the survivor ({@code customerId}),
     * remembering the merge and the customer it named, so that an unmerge gives it back.
     */
    public Uni<Boolean> record(String eventSource, String eventId, String customerId, Instant occurredAt,
                               InteractionRecorded data, UUID mergeId, String mergedFrom) {
        return repository.exists(eventSource, eventId).chain(seen -> {
            if (seen) {
                return Uni.createFrom().item(false);
            }
            Interaction interaction = new Interaction();
            interaction.eventSource = eventSource;
            interaction.eventId = eventId;
            interaction.customerId = customerId;
            interaction.channel = data.channel().wire();
            interaction.kind = data.kind();
            interaction.occurredAt = occurredAt;
            interaction.receivedAt = Instant.now();
            interaction.attributes = data.attributesOrEmpty();
            interaction.mergeId = mergeId;
            interaction.mergedFrom = mergedFrom;
            return repository.persist(interaction).replaceWith(true);
        });
    }
}
