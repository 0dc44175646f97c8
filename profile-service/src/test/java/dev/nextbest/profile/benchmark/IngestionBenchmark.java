package dev.nextbest.profile.benchmark;

import dev.nextbest.local.testing.TestKafka;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sustained ingestion end to end: customer events written to Kafka as fast as a producer can, until every one
 * is applied to its profile and every resulting snapshot is published on profile-updates. Next to it, in the
 * same run and on the same broker, Kafka's own producer perf test with records of the same size: the
 * ceiling of merely writing the events. See docs/benchmarks.md.
 */
@QuarkusTest
@Tag("benchmark")
class IngestionBenchmark {

    private static final int CUSTOMERS = 10_000;
    private static final int EVENTS = 100_000;
    /** A first round, not measured, so that the JIT compiler has done its work before the measured one. */
    private static final int WARMUP_EVENTS = 50_000;
    private static final long TIMEOUT_SECONDS = 300;
    private static final String COMMAND = "./mvnw verify -Pbenchmark -pl profile-service -am";
    private static final String[] CHANNELS = {"web", "app", "agent", "ivr", "email", "sms", "store"};
    private static final String[] CATEGORIES = {"broadband", "mobile", "tv", "insurance", "energy"};

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /** One point of the timeline: seconds since the first send, events produced, events applied. */
    private record Point(double seconds, long produced, long applied) {
    }

    @Test
    void sustainedIngestionEndToEnd() throws Exception {
        System.out.printf("Generating %,d events for %,d customers ...%n", WARMUP_EVENTS + EVENTS, CUSTOMERS);
        List<ProducerRecord<String, byte[]>> warmup = generate(WARMUP_EVENTS);
        List<ProducerRecord<String, byte[]>> events = generate(EVENTS);
        int recordSize = (int) events.stream().mapToInt(r -> r.value().length).average().orElseThrow();

        System.out.printf("Baseline: Kafka's producer perf test, %,d records of %d bytes ...%n", EVENTS, recordSize);
        double baseline = producerPerfTest(EVENTS, recordSize);

        System.out.printf("Warming up with %,d events ...%n", WARMUP_EVENTS);
        round(warmup);
        System.out.printf("End to end: %,d events, waiting until every one is applied and its snapshot is out ...%n", EVENTS);
        Round measured = round(events);
        report(baseline, measured.producerRate(), measured.endToEnd(), recordSize, measured.timeline());
    }

    /** How one round went. */
    private record Round(double producerRate, double endToEnd, List<Point> timeline) {
    }

    private Round round(List<ProducerRecord<String, byte[]>> events) throws Exception {
        double appliedBefore = applied();
        AtomicLong produced = new AtomicLong();
        List<Point> timeline = new ArrayList<>();
        long start = System.nanoTime();
        long producedAt;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ProducerRecord<String, byte[]> event : events) {
                producer.send(event, (metadata, failure) -> {
                    if (failure == null) {
                        produced.incrementAndGet();
                    }
                });
            }
            producer.flush();
            producedAt = System.nanoTime();
        }
        assertThat(produced.get()).as("events in Kafka").isEqualTo(events.size());
        long done = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long applied = (long) (applied() - appliedBefore);
            timeline.add(new Point((now - start) / 1e9, produced.get(), applied));
            if (applied >= events.size() && pendingOutbox() == 0) {
                done = now;
                break;
            }
            Thread.sleep(100);
        }
        assertThat(done).as("all events applied and snapshots published within %d s", TIMEOUT_SECONDS).isPositive();

        return new Round(events.size() / ((producedAt - start) / 1e9), events.size() / ((done - start) / 1e9), timeline);
    }

    /** A realistic mix: mostly interactions across every channel, and attribute, holding and score changes. */
    private static List<ProducerRecord<String, byte[]>> generate(int count) {
        Random random = new Random(count);
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<ProducerRecord<String, byte[]>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String customer = "cus_" + run + String.format("%024x", random.nextInt(CUSTOMERS));
            OffsetDateTime time = now.minusMinutes(random.nextInt(60 * 24 * 90));
            int pick = random.nextInt(100);
            String type;
            String data;
            if (pick < 75) {
                type = "dev.nextbest.customer.interaction.v1";
                String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                String[] kinds = {"page-view", "search", "purchase", "call", "complaint", "payment-failed", "login"};
                String kind = kinds[random.nextInt(kinds.length)];
                data = "{\"channel\":\"" + channel + "\",\"kind\":\"" + kind + "\",\"attributes\":{\"category\":\""
                        + category + "\",\"amount\":" + (random.nextInt(300) + 1) + ",\"page\":\"/" + category + "/offers\"}}";
            } else if (pick < 87) {
                type = "dev.nextbest.customer.attributes-changed.v1";
                data = "{\"attributes\":{\"tier\":\"" + (random.nextBoolean() ? "gold" : "silver")
                        + "\",\"region\":\"r" + random.nextInt(12) + "\"}}";
            } else if (pick < 95) {
                type = "dev.nextbest.customer.holding-changed.v1";
                data = "{\"product\":\"" + CATEGORIES[random.nextInt(CATEGORIES.length)]
                        + "\",\"status\":\"ACTIVE\",\"since\":\"2025-01-01\"}";
            } else {
                type = "dev.nextbest.customer.scores-predicted.v1";
                data = "{\"model\":\"churn\",\"modelVersion\":\"3\",\"scores\":{\"churnRisk\":"
                        + (random.nextInt(100) / 100.0) + "}}";
            }
            byte[] value = structured(CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(URI.create("/benchmark")).withType(type).withSubject(customer).withTime(time)
                    .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build());
            events.add(new ProducerRecord<>(TOPIC, customer, value));
        }
        return events;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65_536),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Runs org.apache.kafka.tools.ProducerPerformance in a JVM of its own; its records/s. */
    private static double producerPerfTest(int records, int recordSize) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "benchmark-producer-perf", "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + TestKafka.bootstrapServers(), "acks=all", "linger.ms=5",
                "batch.size=65536")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("producer perf test exit code; it said:%n%s", output).isZero();
        Matcher summary = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(output);
        String last = null;
        while (summary.find()) {
            last = summary.group(2);
        }
        assertThat(last).as("the perf test's summary line in:%n%s", output).isNotNull();
        return Double.parseDouble(last);
    }

    private double applied() {
        return meters.counter("profile.events.applied").count();
    }

    private long pendingOutbox() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void report(double baseline, double producerRate, double endToEnd, int recordSize,
                               List<Point> timeline) throws IOException {
        String md = "# Ingestion end to end\n\n"
                + "Measured " + Instant.now() + " with `" + COMMAND + "`, " + Runtime.getRuntime().availableProcessors()
                + " cores; " + String.format("%,d", EVENTS) + " events of " + recordSize + " bytes for "
                + String.format("%,d", CUSTOMERS) + " customers, after a warm-up round of "
                + String.format("%,d", WARMUP_EVENTS) + "; the broker, PostgreSQL, Redis and the service share"
                + " the machine.\n\n"
                + "| scenario | events/s | vs baseline |\n|---|---:|---:|\n"
                + String.format("| Kafka producer perf test (baseline) | %,.0f | 1.00x |%n", baseline)
                + String.format("| our producer, same settings, while the service consumes | %,.0f | %.2fx |%n",
                producerRate, producerRate / baseline)
                + String.format("| end to end: in Kafka → profile updated → snapshot published | %,.0f | %.2fx |%n",
                endToEnd, endToEnd / baseline)
                + "\n![events produced and applied over time](ingestion.png)\n";
        Path directory = Path.of("target", "benchmarks");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("ingestion.md"), md);
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Ingestion: events over time")
                .xAxisTitle("seconds since the first send").yAxisTitle("events").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(0);
        chart.addSeries("in Kafka", timeline.stream().map(Point::seconds).toList(),
                timeline.stream().map(p -> (double) p.produced()).toList());
        chart.addSeries("applied to profiles", timeline.stream().map(Point::seconds).toList(),
                timeline.stream().map(p -> (double) p.applied()).toList());
        BitmapEncoder.saveBitmap(chart, directory.resolve("ingestion.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + directory.resolve("ingestion.md") + " and ingestion.png");
    }
}
