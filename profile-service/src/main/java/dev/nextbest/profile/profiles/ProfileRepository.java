package dev.nextbest.profile.profiles;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<Profile, String> {

    /** The profile, locked for this transaction: its events are applied one at a time. */
    public Uni<Profile> findForUpdate(String customerId) {
        return findById(customerId, LockModeType.PESSIMISTIC_WRITE);
    }
}
