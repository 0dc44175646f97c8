package dev.nextbest.profile.intake;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class AppliedEventRepository implements PanacheRepositoryBase<AppliedEvent, AppliedEvent.Key> {

    /** Records the event inside the caller's transaction; false if it had been applied before. */
    public Uni<Boolean> recordOnce(CustomerEvent event, String customerId) {
        return findById(new AppliedEvent.Key(event.source(), event.id())).chain(seen -> {
            if (seen != null) {
                return Uni.createFrom().item(false);
            }
            AppliedEvent applied = new AppliedEvent();
            applied.eventSource = event.source();
            applied.eventId = event.id();
            applied.customerId = customerId;
            applied.appliedAt = Instant.now();
            return persist(applied).replaceWith(true);
        });
    }
}
