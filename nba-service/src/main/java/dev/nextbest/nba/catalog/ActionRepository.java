package dev.nextbest.nba.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ActionRepository implements PanacheRepositoryBase<Action, UUID> {

    public Uni<Boolean> keyExists(String key) {
        return count("key", key).map(n -> n > 0);
    }

    public Uni<List<Action>> list(Optional<ActionStatus> status) {
        Sort byKey = Sort.by("issue").and("group").and("key");
        return status.map(s -> list("status", byKey, s)).orElseGet(() -> listAll(byKey));
    }
}
