package dev.nextbest.identity.merges;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MergeRepository implements PanacheRepositoryBase<CustomerMerge, UUID> {

    public Uni<List<Long>> movedIdentifierIds(UUID mergeId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select m.identifierId from MovedIdentifier m where m.mergeId = :mergeId", Long.class)
                .setParameter("mergeId", mergeId)
                .getResultList());
    }
}
