package dev.nextbest.profile.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ObjectMapper mapper;

    public JsonRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

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

    private String json(List<?> rows) {
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rows cannot be written as JSON", e);
        }
    }
}
