package dev.nextbest.profile.profiles;

import dev.nextbest.profile.store.JsonRows;
import dev.nextbest.profile.traits.Traits;
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

    private static final String LOCK = """
            SELECT * FROM profile
            WHERE customer_id = ANY(ARRAY(SELECT jsonb_array_elements_text(cast(cast(:rows AS text) AS jsonb))))
            ORDER BY customer_id
            FOR UPDATE""";

    private static final String SAVE = """
            UPDATE profile p SET kind = r.kind, attributes = r.attributes, attribute_times = r."attributeTimes",
                holdings = r.holdings, traits = r.traits, predictions = r.predictions, segments = r.segments,
                updated_at = r."updatedAt"
            FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb)) AS r("customerId" text, kind text,
                attributes jsonb, "attributeTimes" jsonb, holdings jsonb, traits jsonb, predictions jsonb,
                segments text, "updatedAt" timestamptz)
            WHERE r."customerId" = p.customer_id""";

    private record NewProfile(String id, Instant at) {
    }

    /** A profile's changeable columns, as the save statement reads them. */
    private record Row(String customerId, String kind, Map<String, Object> attributes,
                       Map<String, Instant> attributeTimes, Map<String, Holding> holdings, Traits traits,
                       Map<String, Prediction> predictions, String segments, Instant updatedAt) {
        Row(Profile p) {
            this(p.customerId, p.kind, p.attributes, p.attributeTimes, p.holdings, p.traits, p.predictions,
                    p.segments, p.updatedAt);
        }
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
     * overlapping sets wait for each other instead of deadlocking. The profiles are read-only to Hibernate
     * (it keeps no copy to compare at flush, which costs more than the change itself for hundreds of JSON
     * columns): changes are written by {@link #save}.
     */
    public Uni<Map<String, Profile>> lockOrCreate(Collection<String> customerIds, Instant now) {
        List<String> ids = List.copyOf(new TreeSet<>(customerIds));
        return rows.execute(CREATE_MISSING, ids.stream().map(id -> new NewProfile(id, now)).toList())
                .chain(() -> rows.readOnly(LOCK, Profile.class, ids))
                .map(found -> found.stream().collect(Collectors.toMap(profile -> profile.customerId, Function.identity())));
    }

    /** Writes the profiles' changes, in one statement; for profiles from {@link #lockOrCreate}. */
    public Uni<Void> save(Collection<Profile> changed) {
        return rows.execute(SAVE, changed.stream().map(Row::new).toList()).replaceWithVoid();
    }
}
