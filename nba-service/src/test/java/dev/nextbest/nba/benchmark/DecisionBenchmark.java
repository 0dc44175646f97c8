package dev.nextbest.nba.benchmark;

import dev.nextbest.local.benchmark.BenchmarkReport;
import dev.nextbest.local.benchmark.HttpLoad;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decision API at a fixed 500 decisions/s (open loop) for a sustained period, every decision over 100
 * live candidate actions with engagement and contact policies, scored by the two shipped models (ONNX
 * Runtime), with exploration and a control group; next to a bare Quarkus endpoint measured the same way in
 * the same run. See docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class DecisionBenchmark {

    private static final int RATE = Integer.getInteger("nba.benchmark.rate", 500);
    /** The decision path keeps getting faster for minutes (the JIT); the bare endpoint is steady after one. */
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("nba.benchmark.warmup-seconds", 300));
    private static final Duration BASELINE_WARMUP = Duration.ofSeconds(Math.min(60, WARMUP.toSeconds()));
    private static final Duration MEASURED = Duration.ofSeconds(Integer.getInteger("nba.benchmark.seconds", 60));
    private static final int CUSTOMERS = 2_000;
    private static final int ACTIONS = 100;
    private static final String PLACEMENT = "next-best";
    private static final String[] OFFERS = {"Bar", "Carry out & Take away", "Coffee House", "Restaurant(20-50)", "Restaurant(<20)"};
    private static final String[] WEATHER = {"Sunny", "Rainy", "Snowy"};
    private static final String[] JOBS = {"admin.", "blue-collar", "management", "retired", "student", "technician"};

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Test
    void decisionsAtASustainedRate() throws Exception {
        System.out.printf("Setting up %d live actions, both shipped models and %,d customers ...%n", ACTIONS, CUSTOMERS);
        Map<String, Object> settings = settings();
        settings.put("controlGroup", Map.of("percent", 5, "period", "MONTH", "behaviour", "RANDOM_ELIGIBLE"));
        settings.put("exploration", Map.of("enabled", true, "modelWeight", 0.8));
        settings.put("placements", Map.of("agent/" + PLACEMENT, Map.of("maxActions", 3)));
        settings.put("serviceLevelMs", 200);
        apply(settings);
        for (int i = 0; i < ACTIONS; i++) {
            live("bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), action(i));
        }
        for (String model : List.of("offer-acceptance", "term-deposit")) {
            given().auth().oauth2(marketer())
                    .multiPart("model", model + ".onnx", Files.readAllBytes(Path.of("models", model + ".onnx")), "application/octet-stream")
                    .multiPart("descriptor", Files.readString(Path.of("models", model + ".json")), "application/json")
                    .post("/nba/v1/models").then().statusCode(201);
        }
        List<String> customers = customers();

        FreshToken bearer = new FreshToken();
        long cpuBefore = processCpuNanos();
        HttpLoad.Result baseline = HttpLoad.atRate(new HttpLoad.Scenario("bare endpoint (baseline)",
                () -> HttpRequest.newBuilder(base.resolve("/q/health/live")).GET().build(), 200),
                RATE, BASELINE_WARMUP, MEASURED, System.out);
        long cpuBaseline = processCpuNanos() - cpuBefore;
        Map<String, Long> threadsBefore = threadCpu();
        long gcBefore = gcMillis();
        long jitBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        HttpLoad.Result decisions = HttpLoad.atRate(new HttpLoad.Scenario("decision, 100 candidates",
                () -> HttpRequest.newBuilder(base.resolve("/nba/v1/decisions"))
                        .header("Authorization", bearer.get()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request(customers.get(ThreadLocalRandom.current().nextInt(CUSTOMERS)))))
                        .build(), 200),
                RATE, WARMUP, MEASURED, System.out);
        long cpuDecisions = processCpuNanos() - cpuBefore - cpuBaseline;
        Map<String, Long> byThread = threadCpu();
        byThread.forEach((group, nanos) -> threadsBefore.merge(group, -nanos, Long::sum));
        double sent = RATE * (WARMUP.toSeconds() + MEASURED.toSeconds());
        double sentToBaseline = RATE * (BASELINE_WARMUP.toSeconds() + MEASURED.toSeconds());
        System.out.printf("CPU of this JVM (service, load generator, Kafka broker) per request: baseline %.2f ms, decisions %.2f ms%n",
                cpuBaseline / 1e6 / sentToBaseline, cpuDecisions / 1e6 / sent);
        long javaThreads = 0;
        StringBuilder split = new StringBuilder("  of which, per decision:");
        for (Map.Entry<String, Long> group : threadsBefore.entrySet()) {
            javaThreads -= group.getValue();
            split.append(String.format(" %s %.2f ms;", group.getKey(), -group.getValue() / 1e6 / sent));
        }
        System.out.println(split + String.format(" JIT, GC and other VM threads %.2f ms", (cpuDecisions - javaThreads) / 1e6 / sent));
        System.out.printf("  GC time %.2f ms, JIT time %.2f ms per decision%n", (gcMillis() - gcBefore) / sent,
                (java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / sent);

        BenchmarkReport.write("decisions", "Decisions at " + RATE + "/s over 100 candidates, two ONNX models",
                "./mvnw verify -Pbenchmark -pl nba-service -am", baseline, List.of(decisions), Path.of("target", "benchmarks"), System.out);
        String metrics = given().get("/q/metrics").then().extract().asString();
        System.out.println("Defaulted decisions (past the service level): " + metrics.lines()
                .filter(line -> line.startsWith("nba_decisions_seconds_count{outcome=\"defaulted\"")).findFirst().orElse("none"));
        assertThat(List.of(baseline, decisions)).allSatisfy(r -> assertThat(r.errors()).as(r.name()).isZero());
    }

    /** CPU time of this JVM's threads, by what they are: the service, the Kafka broker and its clients, the load generator. */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.startsWith("vert.x-eventloop") ? "service event loops"
                    : name.startsWith("executor-thread") || name.startsWith("vert.x-worker") ? "service workers"
                    : name.contains("kafka-producer") || name.startsWith("smallrye-kafka") ? "service Kafka clients"
                    : name.equals("decision-log-writer") ? "service decision log writer"
                    : name.startsWith("data-plane") || name.startsWith("kafka") || name.contains("raft") || name.contains("quorum")
                    || name.contains("Log") ? "Kafka broker"
                    : name.startsWith("HttpClient") || name.startsWith("load-generator") || name.startsWith("pool-") || name.equals("main") ? "load generator"
                    : "other";
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                groups.merge(group, cpu, Long::sum);
            }
        }
        return groups;
    }

    /** Tokens live minutes; the run lasts longer. A new one every minute, as a real client would renew it. */
    private static final class FreshToken {
        private volatile String token;
        private volatile long issuedAt;

        String get() {
            long now = System.nanoTime();
            if (token == null || now - issuedAt > 60_000_000_000L) {
                synchronized (this) {
                    if (token == null || now - issuedAt > 60_000_000_000L) {
                        token = TestTokens.bearer("benchmark-agent", "agent");
                        issuedAt = now;
                    }
                }
            }
            return token;
        }
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Half the actions are partner rewards (the multi-action model), half savings products (the propensity model). */
    private static Map<String, Object> action(int i) {
        Map<String, Object> definition = definition("Benchmark action " + i, PLACEMENT);
        boolean reward = i % 2 == 0;
        definition.put("issue", reward ? "loyalty" : "cross-sell");
        definition.put("group", reward ? "partner-rewards" : "savings");
        definition.put("attributes", reward ? Map.of("offerType", OFFERS[i % OFFERS.length], "expiration", i % 4 == 0 ? "1d" : "2h")
                : Map.of("term", (i % 5 + 1) * 12));
        definition.put("value", 20 + i);
        if (i % 3 == 0) {
            definition.remove("value");
            definition.put("valueExpression", "has(profile.lifetimeValue) ? profile.lifetimeValue.value * 0.01 : 10.0");
        }
        definition.put("eligibility", i % 4 == 0 ? "profile.kind == 'CUSTOMER'" : "!has(profile.attributes.optOut) || !profile.attributes.optOut");
        definition.put("suitability", "!has(traits.complaints) || traits.complaints.count < 5");
        definition.put("contact", Map.of("maxImpressionsWithoutResponse", 5, "daysAfterReject", 30));
        definition.put("levers", Map.of("priority", 1.0 + (i % 3) * 0.1));
        definition.put("purposes", List.of("marketing"));
        definition.put("dataUses", List.of("marketing.advertising.first_party.targeted"));
        return definition;
    }

    private List<String> customers() throws Exception {
        Random random = new Random(7);
        List<String> customers = new ArrayList<>();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class, ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < CUSTOMERS; i++) {
                String customer = newCustomer();
                customers.add(customer);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("customerId", customer);
                data.put("kind", random.nextInt(10) < 8 ? "CUSTOMER" : "PROSPECT");
                data.put("attributes", Map.of("age", 20 + random.nextInt(60), "job", JOBS[random.nextInt(JOBS.length)],
                        "ageGroup", String.valueOf(21 + 5 * random.nextInt(8)), "gender", random.nextBoolean() ? "Female" : "Male",
                        "coffeeHouseVisits", random.nextBoolean() ? "1~3" : "never", "tier", random.nextBoolean() ? "gold" : "silver"));
                data.put("holdings", Map.of("broadband", Map.of("status", "ACTIVE")));
                data.put("traits", Map.of("complaints", Map.of("count", random.nextInt(7)), "frequency", Map.of("interactions", random.nextInt(50))));
                data.put("lifetimeValue", Map.of("value", 500.0 + random.nextInt(3000))); // a double, as profile-service writes it
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                data.put("updatedAt", now.toString());
                data.put("computedAt", now.toString());
                producer.send(new ProducerRecord<>("profile-updates", customer, cloudEvent("/profile-service",
                        "dev.nextbest.profile.profile-updated.v1", customer, now, json(data))));
                // Everyone allows marketing; one in ten does not allow profiling (their scores are not personalised).
                String profiling = random.nextInt(10) == 0 ? "WITHDRAWN" : "GRANTED";
                producer.send(new ProducerRecord<>("consent-changes", customer, cloudEvent("/privacy-service",
                        "dev.nextbest.privacy.consents-changed.v1", customer, now, json(Map.of("customerId", customer,
                                "consents", Map.of("marketing", Map.of("status", "GRANTED", "changedAt", now.toString()),
                                        "profiling", Map.of("status", profiling, "changedAt", now.toString())))))));
            }
        }
        System.out.println("Waiting until every customer's features and consents are stored ...");
        await().atMost(Duration.ofMinutes(3)).until(() -> customers.stream()
                .allMatch(customer -> redis.key().exists("nba:features:" + customer) && redis.key().exists("nba:consents:" + customer)));
        return customers;
    }

    private static String request(String customer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return json(Map.of("customer", Map.of("id", customer), "channel", "agent", "placement", PLACEMENT, "limit", 3,
                "context", Map.of("weather", WEATHER[random.nextInt(WEATHER.length)], "temperature", 30 + random.nextInt(50),
                        "timeOfDay", random.nextBoolean() ? "2PM" : "6PM", "contactType", "cellular", "month", "may")));
    }
}
