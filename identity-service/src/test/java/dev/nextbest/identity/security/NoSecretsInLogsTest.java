package dev.nextbest.identity.security;

import dev.nextbest.identity.LogCapture;
import dev.nextbest.identity.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.nextbest.identity.clients.ApiClientFixtures.accessToken;
import static dev.nextbest.identity.clients.ApiClientFixtures.adminToken;
import static dev.nextbest.identity.clients.ApiClientFixtures.register;
import static dev.nextbest.identity.clients.ApiClientFixtures.requestToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Everything the service logs around clients and tokens, scanned for secrets and tokens. */
@QuarkusTest
class NoSecretsInLogsTest extends RealServers {

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
    void noSecretOrTokenReachesTheLogs() {
        String[] client = register("log-scan", "agent");
        String token = accessToken(client[0], client[1], Map.of());
        String wrongSecret = "wrong-" + client[1];
        requestToken(client[0], wrongSecret, Map.of()).then().statusCode(401);
        requestToken(client[0], client[1], Map.of("scope", "admin")).then().statusCode(400);
        String newSecret = given().auth().oauth2(adminToken()).post("/identity/v1/clients/" + client[0] + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        given().auth().oauth2(adminToken()).post("/identity/v1/clients/" + client[0] + "/revoke").then().statusCode(200);
        given().auth().oauth2(token).get("/identity/v1/clients").then().statusCode(401);

        assertThat(log.lines()).as("the refusals were logged (the scan sees the service's log)")
                .anyMatch(line -> line.contains("status=400"));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(log.lines()).noneMatch(line -> line.contains(client[1]) || line.contains(wrongSecret)
                || line.contains(newSecret) || line.contains(signature) || line.contains("$argon2id$"));
    }
}
