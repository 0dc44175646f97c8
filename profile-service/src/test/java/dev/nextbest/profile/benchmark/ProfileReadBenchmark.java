package dev.nextbest.profile.benchmark;

import dev.nextbest.local.benchmark.BenchmarkReport;
import dev.nextbest.local.benchmark.HttpLoad;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reading a cached profile over HTTP, next to a bare Quarkus endpoint measured the same way in the same run,
 * at low concurrency (latency, not saturation). See docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class ProfileReadBenchmark {

    private static final int CUSTOMERS = 500;
    private static final int EVENTS_EACH = 20;
    private static final int CONCURRENCY = 2;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final String[] KINDS = {"page-view", "search", "purchase", "call", "complaint", "login"};
    private static final String[] CHANNELS = {"web", "app", "agent", "ivr", "email"};

    private final String bearer = TestTokens.bearer("benchmark-agent", "agent");

    @TestHTTPResource("/")
    URI base;

    @Test
    void cachedProfileReads() {
        List<String> customers = IntStream.range(0, CUSTOMERS).mapToObj(i -> newCustomerId()).toList();
        System.out.println("Sending " + CUSTOMERS * EVENTS_EACH + " events through the ingestion API ...");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> batch = new ArrayList<>();
        for (String customer : customers) {
            for (int e = 0; e < EVENTS_EACH; e++) {
                String data = "{\"channel\":\"" + CHANNELS[e % CHANNELS.length] + "\",\"kind\":\"" + KINDS[e % KINDS.length]
                        + "\",\"attributes\":{\"amount\":" + (e * 3 + 1) + "}}";
                batch.add(new String(structured(interaction(customer, now.minusHours(e * 7L), data)), StandardCharsets.UTF_8));
                if (batch.size() == 1000) {
                    send(batch);
                }
            }
        }
        send(batch);
        System.out.println("Waiting until every profile is built, and reading each once to cache it ...");
        String last = customers.get(CUSTOMERS - 1);
        await().atMost(Duration.ofMinutes(3)).until(() -> given().header("Authorization", bearer)
                .get("/profile/v1/customers/{id}", last).statusCode() == 200);
        customers.forEach(id -> await().atMost(Duration.ofMinutes(1)).until(() ->
                given().header("Authorization", bearer).get("/profile/v1/customers/{id}", id).statusCode() == 200));

        HttpLoad.Result baseline = HttpLoad.run(new HttpLoad.Scenario("bare endpoint (baseline)",
                () -> HttpRequest.newBuilder(base.resolve("/q/health/live")).GET().build(), 200),
                CONCURRENCY, WARMUP, MEASURED, System.out);
        HttpLoad.Result cached = HttpLoad.run(new HttpLoad.Scenario("profile, cached",
                () -> HttpRequest.newBuilder(base.resolve("/profile/v1/customers/"
                                + customers.get(ThreadLocalRandom.current().nextInt(CUSTOMERS))))
                        .header("Authorization", bearer).GET().build(), 200),
                CONCURRENCY, WARMUP, MEASURED, System.out);

        BenchmarkReport.write("profile-read", "Cached profile reads", "./mvnw verify -Pbenchmark -pl profile-service -am",
                baseline, List.of(cached), Path.of("target", "benchmarks"), System.out);
        assertThat(List.of(baseline, cached)).allSatisfy(r -> assertThat(r.errors()).as(r.name()).isZero());
    }

    private void send(List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        given().header("Authorization", bearer).contentType("application/cloudevents-batch+json")
                .body("[" + String.join(",", batch) + "]").post("/profile/v1/events").then().statusCode(202);
        batch.clear();
    }
}
