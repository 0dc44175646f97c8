package dev.nextbest.profile.profiles;

import dev.nextbest.profile.store.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<Profile, String> {

    private static final String CREATE_MISSING = """
            INSERT INTO profile (customer_id, traits, created_at, updated_at)
            SELECT r.id, cast('{}' AS jsonb), r.at, r.at
            FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb)) AS r(id text, at timestamptz)
            ON CONFLICT (customer_id) DO NOTHING""";

    private record NewProfile(String id, Instant at) {
    }

    private final JsonRows rows;

    public ProfileRepository(JsonRows rows) {
        this.rows = rows;
    }

    /** The profile, locked for this transaction: its events are applied one at a time. */
    public Uni<Profile> findForUpdate(String customerId) {
        return findById(customerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The customers' profiles, locked for this transaction; a customer without one gets an empty one (made by
     * the first thing that happens to them). Locks are taken in id order, so two transactions that lock
     * overlapping sets wait for each other instead of deadlocking.
     */
    public Uni<Map<String, Profile>> lockOrCreate(Collection<String> customerIds, Instant now) {
        List<String> ids = List.copyOf(new TreeSet<>(customerIds));
        return rows.execute(CREATE_MISSING, ids.stream().map(id -> new NewProfile(id, now)).toList())
                .chain(() -> find("customerId in ?1 order by customerId", ids)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .list())
                .map(found -> found.stream().collect(Collectors.toMap(profile -> profile.customerId, Function.identity())));
    }
}
