package dev.nextbest.nba.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The one row of decision settings (JSON); the defaults until someone sets them. */
@ApplicationScoped
public class DecisionSettingsStore {

    public static final String SETTINGS_CHANGED = "dev.nextbest.nba.catalog.decision-settings-changed.v1";

    private final ObjectMapper json;
    private final CatalogRevision revision;
    private final Outbox outbox;
    private final CatalogListener listener;

    public DecisionSettingsStore(ObjectMapper json, CatalogRevision revision, Outbox outbox,
                                 CatalogListener listener) {
        this.json = json;
        this.revision = revision;
        this.outbox = outbox;
        this.listener = listener;
    }

    /** Inside a session. */
    public Uni<DecisionSettings> current() {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT settings FROM decision_settings WHERE id = 1", String.class)
                        .getResultList())
                .map(List::stream)
                .map(rows -> rows.findFirst().map(this::read).orElseGet(DecisionSettings::defaults));
    }

    public Uni<DecisionSettings> replace(DecisionSettings settings) {
        String text = write(settings);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO decision_settings (id, settings) VALUES (1, :settings)
                                ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings""")
                        .setParameter("settings", text).executeUpdate())
                .chain(() -> revision.bump())
                .chain(() -> outbox.add(Catalog.CHANGES_TOPIC, "decision-settings", SETTINGS_CHANGED, "decision-settings", settings))
                .replaceWith(settings)).call(listener::changed);
    }

    private DecisionSettings read(String text) {
        try {
            return json.readValue(text, DecisionSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision settings cannot be read", e);
        }
    }

    private String write(DecisionSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
