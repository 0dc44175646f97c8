package dev.nextbest.privacy.changes;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ChangeRepository implements PanacheRepositoryBase<Change, UUID> {

    public Uni<Boolean> exists(String eventSource, String eventId) {
        return count("eventSource = ?1 and eventId = ?2", eventSource, eventId).map(n -> n > 0);
    }

    public Uni<List<Change>> latest(Optional<ChangeStatus> status, int limit) {
        Sort newestFirst = Sort.descending("receivedAt", "id");
        return status.map(s -> find("status", newestFirst, s)).orElseGet(() -> findAll(newestFirst))
                .page(0, limit).list();
    }
}
