package dev.nextbest.profile.interactions;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Records an interaction once per event, however often the event is delivered. */
@ApplicationScoped
public class InteractionRecorder {

    private final InteractionRepository repository;

    public InteractionRecorder(InteractionRepository repository) {
        this.repository = repository;
    }

    /** @return true if recorded, false if this event had been recorded before */
    public Uni<Boolean> record(CustomerEvent event) {
        InteractionRecorded data = event.data();
        return Panache.withTransaction(() -> repository.exists(event.source(), event.id()).chain(seen -> {
            if (seen) {
                return Uni.createFrom().item(false);
            }
            Interaction interaction = new Interaction();
            interaction.eventSource = event.source();
            interaction.eventId = event.id();
            interaction.customerId = event.customerId();
            interaction.channel = data.channel().wire();
            interaction.kind = data.kind();
            interaction.occurredAt = event.occurredAt();
            interaction.receivedAt = Instant.now();
            interaction.attributes = data.attributesOrEmpty();
            return repository.persist(interaction).replaceWith(true);
        }));
    }
}
