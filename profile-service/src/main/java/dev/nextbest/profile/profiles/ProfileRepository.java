package dev.nextbest.profile.profiles;

import dev.nextbest.profile.store.JsonRows;
import dev.nextbest.profile.traits.Traits;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    private static final String PAGE = """
            SELECT * FROM profile WHERE customer_id > :after ORDER BY customer_id LIMIT :size""";

    private static final String LOCK_PAGE = """
            SELECT * FROM profile WHERE customer_id > :after ORDER BY customer_id LIMIT :size FOR UPDATE""";

    private static final String SAVE = """
            UPDATE profile p SET kind = r.kind, attributes = r.attributes, attribute_times = r."attributeTimes",
                holdings = r.holdings, traits = r.traits, predictions = r.predictions, segments = r.segments,
                consents = r.consents, consents_as_of = r."consentsAsOf", behaviour_segment = r."behaviourSegment",
                updated_at = r."updatedAt"
            FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb)) AS r("customerId" text, kind text,
                attributes jsonb, "attributeTimes" jsonb, holdings jsonb, traits jsonb, predictions jsonb,
                segments text[], consents jsonb, "consentsAsOf" timestamptz, "behaviourSegment" text,
                "updatedAt" timestamptz)
            WHERE r."customerId" = p.customer_id""";

    private record NewProfile(String id, Instant at) {
    }

    /** A profile's changeable columns, as the save statement reads them. */
    private record Row(String customerId, String kind, Map<String, Object> attributes,
                       Map<String, Instant> attributeTimes, Map<String, Holding> holdings, Traits traits,
                       Map<String, Prediction> predictions, List<String> segments, Map<String, Consent> consents,
                       Instant consentsAsOf, String behaviourSegment, Instant updatedAt) {
        Row(Profile p) {
            this(p.customerId, p.kind, p.attributes, p.attributeTimes, p.holdings, p.traits, p.predictions,
                    p.segments, p.consents, p.consentsAsOf, p.behaviourSegment, p.updatedAt);
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
                .chain(() -> lock(ids));
    }

    /** The profiles of these customers that exist, locked for this transaction in id order, read-only. */
    public Uni<Map<String, Profile>> lock(Collection<String> customerIds) {
        return rows.readOnly(LOCK, Profile.class, List.copyOf(new TreeSet<>(customerIds)))
                .map(found -> found.stream().collect(Collectors.toMap(profile -> profile.customerId, Function.identity())));
    }

    /** The next profiles in id order after {@code after} ("" for the first), not locked, read-only. */
    public Uni<List<Profile>> pageAfter(String after, int size) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PAGE, Profile.class)
                .setParameter("after", after)
                .setParameter("size", size)
                .setReadOnly(true)
                .getResultList());
    }

    /** Writes the profiles' changes, in one statement; for profiles from {@link #lockOrCreate} or {@link #lock}. */
    public Uni<Void> save(Collection<Profile> changed) {
        return rows.execute(SAVE, changed.stream().map(Row::new).toList()).replaceWithVoid();
    }

    /** The next profiles in id order after {@code after} ("" for the first), locked and read-only. */
    public Uni<List<Profile>> lockPageAfter(String after, int size) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK_PAGE, Profile.class)
                .setParameter("after", after)
                .setParameter("size", size)
                .setReadOnly(true)
                .getResultList());
    }
}
