package dev.nextbest.nba.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.nba.consent.ConsentView;
import dev.nextbest.nba.consent.ConsentsChanged;
import dev.nextbest.nba.consent.CustomerConsents;
import dev.nextbest.nba.contact.ContactCounters;
import dev.nextbest.nba.contact.ContactHistory;
import dev.nextbest.nba.features.ProfileFeatures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;

/**
 * What a decision reads about its customer, as typed values: the profile snapshot and the consent view in one
 * Redis MGET, the contact history alongside. Nothing else is asked over the network: consents come from this service's own
 * copy of consent-changes, not from privacy-service.
 * <p>
 * What Redis does not hold is read from PostgreSQL (one query for both). When PostgreSQL holds no consents
 * either, that is remembered in Redis for a day as {@value #NO_CONSENTS}, only if the key is still absent, so a
 * state the consumer stores meanwhile always wins: most prospects have no consents, and their decisions should
 * not each query the database. Found values are not put back: a put-back racing an erasure could bring an
 * erased customer back.
 */
@ApplicationScoped
class CustomerReader {

    static final String NO_CONSENTS = "{}";
    private static final Duration NOTHING_REMEMBERED_FOR = Duration.ofDays(1);
    private static final String BOTH = """
            SELECT (SELECT cast(snapshot AS text) FROM profile_features WHERE customer_id = :id),
                   (SELECT cast(consents AS text) FROM customer_consents WHERE customer_id = :id)""";

    /** @param profile the profile snapshot, or null when the platform has none yet */
    record Known(Map<String, Object> profile, ConsentView consents, ContactHistory contacts) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ReactiveValueCommands<String, String> values;
    private final ContactCounters contacts;
    private final ObjectMapper json;

    CustomerReader(ReactiveRedisDataSource redis, ContactCounters contacts, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.contacts = contacts;
        this.json = json;
    }

    Uni<Known> read(String customerId) {
        String featuresKey = ProfileFeatures.KEY + customerId;
        String consentsKey = CustomerConsents.KEY + customerId;
        Uni<String[]> cached = values.mget(featuresKey, consentsKey)
                .chain(found -> found.get(featuresKey) != null && found.get(consentsKey) != null
                        ? Uni.createFrom().item(new String[]{found.get(featuresKey), found.get(consentsKey)})
                        : fromDatabase(customerId, found.get(featuresKey), found.get(consentsKey)));
        return Uni.combine().all().unis(cached, contacts.history(customerId)).asTuple()
                .map(both -> new Known(profile(both.getItem1()[0]), consents(both.getItem1()[1]), both.getItem2()));
    }

    private Uni<String[]> fromDatabase(String customerId, String cachedSnapshot, String cachedConsents) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(BOTH, Object[].class).setParameter("id", customerId).getResultList()))
                .map(rows -> {
                    Object[] row = rows.isEmpty() ? new Object[2] : rows.get(0);
                    String snapshot = cachedSnapshot != null ? cachedSnapshot : (String) row[0];
                    String consents = cachedConsents != null ? cachedConsents : row[1] != null ? (String) row[1] : NO_CONSENTS;
                    if (cachedConsents == null && row[1] == null) {
                        rememberNoConsents(CustomerConsents.KEY + customerId);
                    }
                    return new String[]{snapshot, consents};
                });
    }

    private Map<String, Object> profile(String snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            return json.readValue(snapshot, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored profile snapshot cannot be read", e);
        }
    }

    private ConsentView consents(String state) {
        try {
            return ConsentView.of(json.readValue(state, ConsentsChanged.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored consent state cannot be read", e);
        }
    }

    /** Not waited for: the decision has what it needs, and a failed write only means the next one reads PostgreSQL again. */
    private void rememberNoConsents(String key) {
        values.set(key, NO_CONSENTS, new SetArgs().nx().ex(NOTHING_REMEMBERED_FOR)).subscribe().with(done -> {
        }, failure -> {
        });
    }
}
