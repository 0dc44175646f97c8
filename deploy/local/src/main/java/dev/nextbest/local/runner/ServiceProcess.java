package dev.nextbest.local.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM, its output appended to a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceDefinition service;
    private final int port;
    private final Path logFile;
    private Process process;

    ServiceProcess(ServiceDefinition service, int port, Path logFile) {
        this.service = service;
        this.port = port;
        this.logFile = logFile;
    }

    ServiceDefinition service() {
        return service;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    /** Starts the service with its configuration passed as environment variables, as Kubernetes would. */
    void start(Path application, Map<String, String> quarkusConfig) {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                javaExecutable(), "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar", application.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Loopback only: a developer's platform is not for the network (and has no authentication yet).
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        quarkusConfig.forEach((property, value) -> environment.put(environmentName(property), value));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.name(), e);
        }
    }

    /** How Quarkus (SmallRye Config) names a property in the environment. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Waits until the readiness endpoint answers UP; fails fast if the process dies. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with code " + process.exitValue()
                        + "; see " + logFile);
            }
            if (isReady(port)) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(service.name() + " was not ready after " + timeout.toSeconds() + " s; see " + logFile);
    }

    static boolean isReady(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the service to shut down gracefully (SIGTERM), and kills it if it does not within the grace period. */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of the log, to show why a service failed without sending the user hunting. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
