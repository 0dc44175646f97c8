package dev.nextbest.profile.profiles;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ProfileMergeRepository implements PanacheRepositoryBase<ProfileMerge, UUID> {

    /** The merge that absorbed this customer and was not undone, or null. */
    public Uni<ProfileMerge> activeMergeOf(String customerId) {
        return find("absorbedId = ?1 and undoneAt is null", customerId).firstResult();
    }
}
