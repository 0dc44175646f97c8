package dev.nextbest.local.testing;

import dev.nextbest.local.servers.ManagedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service of the platform must do, whatever its business: report readiness that really
 * follows PostgreSQL, Redis and Kafka, stay live while they are down, serve its OpenAPI document,
 * Swagger UI and Prometheus metrics, and answer an unknown path with problem+json.
 *
 * <p>A service's test extends this class and adds {@code @QuarkusTest}.
 */
public abstract class ServiceContract {

    private static final Duration NOTICE = Duration.ofSeconds(45);
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    /** The path prefix of the service's API, e.g. "/profile/v1", which its OpenAPI document must describe. */
    protected abstract String apiPrefix();

    @Test
    void isReadyWhenPostgresRedisAndKafkaAnswer() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void isNotReadyWhilePostgresIsDown() {
        assertNotReadyWhileStopped(SharedServers.get().postgres());
    }

    @Test
    void isNotReadyWhileRedisIsDown() {
        assertNotReadyWhileStopped(SharedServers.get().redis());
    }

    @Test
    void isNotReadyWhileKafkaIsDown() {
        assertNotReadyWhileStopped(SharedServers.get().kafka());
    }

    @Test
    void servesItsOpenApiDocumentAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."))
                .body("paths.keySet()", hasItem(startsWith(apiPrefix())));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }

    @Test
    void servesPrometheusMetrics() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void answersAnUnknownPathWithProblemJson() {
        given().accept("application/json").get(apiPrefix() + "/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    /** Stops the server, expects readiness DOWN (and liveness still UP), starts it again, expects UP. */
    private static void assertNotReadyWhileStopped(ManagedServer server) {
        server.stop();
        try {
            await(server.name() + " down is noticed").atMost(NOTICE).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            given().get("/q/health/ready").then().body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            server.start();
        }
        await(server.name() + " back is noticed").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
