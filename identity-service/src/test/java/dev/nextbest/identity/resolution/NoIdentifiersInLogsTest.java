package dev.nextbest.identity.resolution;

import dev.nextbest.identity.LogCapture;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Everything the service logs while it resolves, refuses and merges, scanned for the identifiers it was given. */
@QuarkusTest
class NoIdentifiersInLogsTest {

    private final LogCapture log = new LogCapture();

    @BeforeEach
    void listen() {
        log.start();
    }

    @AfterEach
    void stopListening() {
        log.stop();
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

        assertThat(log.lines()).as("the refusals were logged (the scan sees the service's log)")
                .anyMatch(line -> line.contains("status=400"));
        assertThat(log.lines()).noneMatch(line -> line.contains("logscan"));
    }

    private static void post(String body, int status) {
        given().auth().oauth2(token()).contentType("application/json").body(body).post("/identity/v1/resolve").then().statusCode(status);
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent", "service", "admin");
    }
}
