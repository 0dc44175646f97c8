package dev.nextbest.profile.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Writes many rows in one statement: the rows go to PostgreSQL as one JSON array parameter, which the
 * statement unpacks with {@code jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb))} (as text first: the
 * driver would send a Java string for a jsonb parameter as a JSON string). Event processing writes hundreds
 * of rows per Kafka poll; one round trip for all of them, not one per row, is what makes it keep up.
 * Runs in the caller's session and transaction.
 */
@ApplicationScoped
public class JsonRows {

    /** Times as ISO-8601 text, which PostgreSQL reads as timestamptz and Hibernate's JSON mapping reads back. */
    private final ObjectMapper mapper = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** @return the number of rows the statement changed */
    public Uni<Integer> execute(String sql, List<?> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("rows", json(rows))
                .executeUpdate());
    }

    /** For a statement with a RETURNING clause: what it returned, one array of columns per row. */
    public Uni<List<Object[]>> returning(String sql, List<?> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("rows", json(rows))
                .getResultList());
    }

    /**
     * Entities a native statement selects with the help of a JSON parameter (e.g. ids to match), read-only:
     * Hibernate keeps no copy of them to compare at flush, which for hundreds of rows with JSON columns costs
     * more than the work itself. Whoever changes one writes it with a statement of its own.
     */
    public <T> Uni<List<T>> readOnly(String sql, Class<T> entity, List<?> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, entity)
                .setParameter("rows", json(rows))
                .setReadOnly(true)
                .getResultList());
    }

    private String json(List<?> rows) {
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rows cannot be written as JSON", e);
        }
    }
}
