package dev.nextbest.profile.profiles;

import dev.nextbest.profile.store.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class ProfileMergeRepository implements PanacheRepositoryBase<ProfileMerge, UUID> {

    private static final String ACTIVE_MERGES = """
            SELECT * FROM profile_merge
            WHERE absorbed_id = ANY(ARRAY(SELECT jsonb_array_elements_text(cast(cast(:rows AS text) AS jsonb))))
              AND undone_at IS NULL""";

    private final JsonRows rows;

    public ProfileMergeRepository(JsonRows rows) {
        this.rows = rows;
    }

    /** For each of these customers that a merge absorbed (and that was not undone): that merge. */
    public Uni<Map<String, ProfileMerge>> activeMergesOf(Collection<String> customerIds) {
        return rows.readOnly(ACTIVE_MERGES, ProfileMerge.class, List.copyOf(customerIds))
                .map(found -> found.stream().collect(Collectors.toMap(merge -> merge.absorbedId, merge -> merge)));
    }
}
