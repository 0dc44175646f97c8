package dev.nextbest.identity.resolution;

import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Everything the service logs while it resolves, refuses and merges, scanned for the identifiers it was given. */
@QuarkusTest
class NoIdentifiersInLogsTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noIdentifierReachesTheLogs() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "logscan." + unique + "@example.com";
        String login = "logscanlogin" + unique;
        String lookAlike = "logscan" + unique + "@\u0440\u0430ypal.com";
        String notAPhone = "logscan-phone-" + unique;

        post("{\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"}]}", 200);
        post("{\"identifiers\":[{\"type\":\"login_id\",\"value\":\"" + login + "\",\"verified\":true},"
                + "{\"type\":\"email\",\"value\":\"" + email.toUpperCase() + "\",\"verified\":true}]}", 200);
        post("{\"identifiers\":[{\"type\":\"email\",\"value\":\"" + lookAlike + "\"},"
                + "{\"type\":\"phone\",\"value\":\"" + notAPhone + "\"}]}", 400);
        post("{\"identifiers\":[{\"type\":\"email\",\"value\":{\"nested\":\"" + email + "\"}}]}", 400);

        assertThat(logged).as("the refusals were logged (the scan sees the service's log)")
                .anyMatch(line -> line.contains("status=400"));
        assertThat(logged).noneMatch(line -> line.contains("logscan"));
    }

    private static void post(String body, int status) {
        given().auth().oauth2(token()).contentType("application/json").body(body).post("/identity/v1/resolve").then().statusCode(status);
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent", "service", "admin");
    }
}
