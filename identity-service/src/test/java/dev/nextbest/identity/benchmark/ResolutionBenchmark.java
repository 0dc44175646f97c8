package dev.nextbest.identity.benchmark;

import dev.nextbest.local.benchmark.BenchmarkReport;
import dev.nextbest.local.benchmark.HttpLoad;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity resolution throughput and latency over HTTP against real PostgreSQL, Redis and Kafka, next to a
 * bare Quarkus endpoint measured the same way in the same run. See docs/benchmarks.md.
 */
@QuarkusTest
@TestProfile(ResolutionBenchmark.Unlimited.class)
@Tag("benchmark")
class ResolutionBenchmark {

    /** The per-client resolution limit would cap the very throughput this measures. */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nextbest.identity.rate-limits.resolve-per-client.requests", "100000000");
        }
    }

    /** One agent token for the whole run (a token lives five minutes; the run takes about two). */
    private final String bearer = TestTokens.bearer("benchmark-agent", "agent");

    private static final int CONCURRENCY = 16;
    private static final int KNOWN_PEOPLE = 2_000;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Test
    void resolution() {
        System.out.println("Resolving " + KNOWN_PEOPLE + " people once, so that their identifiers are known and cached ...");
        List<String> known = IntStream.range(0, KNOWN_PEOPLE).mapToObj(i -> body(person())).toList();
        known.forEach(body -> given().header("Authorization", bearer).contentType("application/json").body(body).post("/identity/v1/resolve")
                .then().statusCode(200));

        HttpLoad.Result baseline = HttpLoad.run(new HttpLoad.Scenario("bare endpoint (baseline)",
                () -> HttpRequest.newBuilder(base.resolve("/q/health/live")).GET().build(), 200),
                CONCURRENCY, WARMUP, MEASURED, System.out);
        HttpLoad.Result cached = HttpLoad.run(new HttpLoad.Scenario("resolve, known (cached)",
                () -> resolve(known.get(ThreadLocalRandom.current().nextInt(KNOWN_PEOPLE))), 200),
                CONCURRENCY, WARMUP, MEASURED, System.out);
        HttpLoad.Result fresh = HttpLoad.run(new HttpLoad.Scenario("resolve, new (uncached)",
                () -> resolve(body(person())), 200),
                CONCURRENCY, WARMUP, MEASURED, System.out);

        BenchmarkReport.write("identity-resolution", "Identity resolution", "./mvnw verify -Pbenchmark -pl identity-service -am",
                baseline, List.of(cached, fresh), Path.of("target", "benchmarks"), System.out);
        assertThat(List.of(baseline, cached, fresh)).allSatisfy(r -> assertThat(r.errors()).as(r.name()).isZero());
    }

    private HttpRequest resolve(String body) {
        return HttpRequest.newBuilder(base.resolve("/identity/v1/resolve"))
                .header("content-type", "application/json")
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** An email and a cookie, as a web channel sees a person. */
    private static String[] person() {
        String id = UUID.randomUUID().toString();
        return new String[]{"bench." + id.substring(0, 13) + "@example.com", "ck-" + id};
    }

    private static String body(String[] person) {
        return """
                {"identifiers":[{"type":"email","value":"%s","verified":true},{"type":"cookie_id","value":"%s"}],
                 "source":"/channels/web"}""".formatted(person[0], person[1]);
    }
}
