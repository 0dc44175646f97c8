package dev.nextbest.local.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

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
 * HTTP load for a warm-up and then a measured period, latencies in HdrHistograms (microseconds). Two shapes:
 * {@link #run} is a closed loop ({@code concurrency} clients, each sending its next request as soon as the
 * last one answered); {@link #atRate} an open loop at a fixed rate, which is how traffic arrives in
 * production: each latency is counted from when the request was due to be sent, so a server that stalls
 * is charged for every request that waited (no coordinated omission).
 */
public final class HttpLoad {

    private static final long MAX_LATENCY_MICROS = Duration.ofSeconds(30).toNanos() / 1000;
    private static final int MAX_IN_FLIGHT = 2_000;

    private HttpLoad() {
    }

    /** What to send. The supplier is called once per request, from several threads at once. */
    public record Scenario(String name, Supplier<HttpRequest> request, int expectedStatus) {
    }

    /** @param load how the load was applied, e.g. "2 concurrent clients, closed loop" */
    public record Result(String name, String load, long requests, long errors, double seconds, Histogram latencies) {

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
        return new Result(scenario.name(), concurrency + " concurrent clients, closed loop", requests.get(), errors.get(),
                measured.toNanos() / 1e9, merged);
    }

    /**
     * Sends {@code perSecond} requests a second, each at its due time whatever happened to the ones before
     * (over as many connections as it takes, at most {@code MAX_IN_FLIGHT} outstanding), from one event loop
     * ({@link EventLoopSender}), so that the load generator takes as little as it can of the machine it
     * measures.
     */
    public static Result atRate(Scenario scenario, int perSecond, Duration warmup, Duration measured, PrintStream progress) {
        ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        // The last few seconds on their own, warm-up included: whether the tail is spread or one stall.
        Recorder recent = new Recorder(MAX_LATENCY_MICROS, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        long nextReport = start + 5_000_000_000L;
        try (EventLoopSender sender = new EventLoopSender(MAX_IN_FLIGHT)) {
            for (long due = start; due < end; due += interval) {
                sleepUntil(due);
                boolean counted = due >= measureFrom;
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    if (counted) {
                        requests.incrementAndGet();
                        errors.incrementAndGet();
                        histogram.recordValue(MAX_LATENCY_MICROS);
                    }
                    continue;
                }
                inFlight.incrementAndGet();
                long intended = due;
                sender.send(scenario.request().get()).onComplete(answer -> {
                    long latency = Math.min((System.nanoTime() - intended) / 1000, MAX_LATENCY_MICROS);
                    inFlight.decrementAndGet();
                    recent.recordValue(latency);
                    if (counted) {
                        histogram.recordValue(latency);
                        requests.incrementAndGet();
                        if (answer.failed() || answer.result() != scenario.expectedStatus()) {
                            errors.incrementAndGet();
                        }
                    }
                });
                if (System.nanoTime() >= nextReport) {
                    Histogram window = recent.getIntervalHistogram();
                    progress.printf("  %-24s %3d/%d s  %,d requests measured; last 5 s: p99 %.1f ms, max %.1f ms%n", scenario.name(),
                            (System.nanoTime() - start) / 1_000_000_000L, (end - start) / 1_000_000_000L, requests.get(),
                            window.getValueAtPercentile(99) / 1000.0, window.getMaxValue() / 1000.0);
                    nextReport += 5_000_000_000L;
                }
            }
            long drained = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < drained) {
                sleepUntil(System.nanoTime() + 10_000_000L);
            }
        }
        return new Result(scenario.name(), perSecond + " requests/s, open loop", requests.get(), errors.get(),
                measured.toNanos() / 1e9, histogram);
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
