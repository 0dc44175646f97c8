package dev.nextbest.local.benchmark;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load: {@code concurrency} clients, each sending its next request as soon as the last
 * one answered, for a warm-up and then a measured period. Latencies go into HdrHistograms (microseconds).
 */
public final class HttpLoad {

    private static final long MAX_LATENCY_MICROS = Duration.ofSeconds(30).toNanos() / 1000;

    private HttpLoad() {
    }

    /** What to send. The supplier is called once per request, from several threads at once. */
    public record Scenario(String name, Supplier<HttpRequest> request, int expectedStatus) {
    }

    public record Result(String name, int concurrency, long requests, long errors, double seconds, Histogram latencies) {

        public double throughput() {
            return requests / seconds;
        }

        public double percentileMillis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    public static Result run(Scenario scenario, int concurrency, Duration warmup, Duration measured, PrintStream progress) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Histogram>> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(pool.submit(() -> {
                Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return histogram;
                    }
                    boolean ok = send(client, scenario);
                    long answered = System.nanoTime();
                    if (sent >= measureFrom) {
                        histogram.recordValue(Math.min((answered - sent) / 1000, MAX_LATENCY_MICROS));
                        requests.incrementAndGet();
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }));
        }
        long total = (end - start) / 1_000_000_000L;
        for (long second = 1; second <= total; second++) {
            sleepUntil(start + second * 1_000_000_000L);
            if (second % 5 == 0 || second == total) {
                progress.printf("  %-24s %3d/%d s  %,d requests measured%n", scenario.name(), second, total, requests.get());
            }
        }
        Histogram merged = new Histogram(MAX_LATENCY_MICROS, 3);
        try {
            for (Future<Histogram> c : clients) {
                merged.add(c.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("a load client failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(scenario.name(), concurrency, requests.get(), errors.get(), measured.toNanos() / 1e9, merged);
    }

    private static boolean send(HttpClient client, Scenario scenario) {
        try {
            HttpResponse<Void> response = client.send(scenario.request().get(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == scenario.expectedStatus();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
