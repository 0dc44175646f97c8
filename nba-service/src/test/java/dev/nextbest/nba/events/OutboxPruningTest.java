package dev.nextbest.nba.events;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay prunes published events past the retention (7 days), and nothing else. Prunes every second here. */
@QuarkusTest
class OutboxPruningTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void prunesEventsPublishedLongerAgoThanTheRetentionOnly() throws Exception {
        String old = insertPublished(Instant.now().minus(Duration.ofDays(8)));
        String recent = insertPublished(Instant.now().minus(Duration.ofDays(6)));

        await().atMost(Duration.ofSeconds(30)).until(() -> !exists(old));
        assertThat(exists(recent)).as("published within the retention: kept").isTrue();
    }

    private String insertPublished(Instant publishedAt) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_event "
                     + "(topic, record_key, event_id, payload, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, "catalog-changes");
            insert.setString(2, "key");
            insert.setString(3, eventId);
            insert.setBytes(4, new byte[]{'{', '}'});
            insert.setTimestamp(5, Timestamp.from(publishedAt));
            insert.setTimestamp(6, Timestamp.from(publishedAt));
            insert.executeUpdate();
        }
        return eventId;
    }

    private boolean exists(String eventId) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement query = c.prepareStatement("SELECT 1 FROM outbox_event WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
