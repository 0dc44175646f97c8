package dev.nextbest.local.runner;

import dev.nextbest.local.servers.KafkaBroker;
import dev.nextbest.local.servers.LocalServers;
import dev.nextbest.local.servers.ManagedServer;
import dev.nextbest.local.servers.Ports;
import dev.nextbest.local.servers.PostgresServer;
import dev.nextbest.local.servers.RedisServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The platform started by {@code up}: the three servers with data under .platform/data, then the four
 * services, each in its own JVM. {@link #stop()} undoes it in reverse order and is safe to call twice.
 */
final class RunningPlatform {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Partitions for topics created on first use; the unit of parallelism of each consumer. */
    private static final int DEFAULT_PARTITIONS = 3;

    private final PlatformSettings settings;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<ManagedServer> startedServers = new ArrayList<>();
    private LocalServers servers;
    private boolean stopped;

    RunningPlatform(PlatformSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** What must hold before anything is started or changed: the services are built and every port is free. */
    void checkPreconditions() {
        requireApplicationsBuilt();
        requirePortsFree();
    }

    void start() {
        long startedAt = System.nanoTime();
        createDirectories();
        servers = new LocalServers(
                PostgresServer.persistent(settings.port(PlatformSettings.POSTGRES_PORT), settings.data().resolve("postgres")),
                RedisServer.persistent(settings.port(PlatformSettings.REDIS_PORT), settings.data().resolve("redis")),
                KafkaBroker.persistent(settings.port(PlatformSettings.KAFKA_PORT),
                        settings.port(PlatformSettings.KAFKA_CONTROLLER_PORT), settings.data().resolve("kafka"),
                        DEFAULT_PARTITIONS));
        for (ManagedServer server : servers.all()) {
            long t = System.nanoTime();
            synchronized (this) {
                if (stopped) {
                    return;
                }
                server.start();
                startedServers.add(server);
            }
            out.printf("  %-17s up on 127.0.0.1:%d (%s)%n", server.name(), server.port(), seconds(t));
        }
        startServices();
        out.printf("%nPlatform ready in %s.%n", seconds(startedAt));
    }

    private void startServices() {
        out.println("  starting the services (logs in " + settings.root().relativize(settings.logs()) + "/) ...");
        LocalSecrets secrets = new LocalSecrets(settings.home().resolve("secrets"));
        for (ServiceDefinition definition : ServiceDefinition.ALL) {
            Map<String, String> config = new LinkedHashMap<>(servers.quarkusConfig(definition.database()));
            config.putAll(tokenConfig(definition, secrets));
            if (definition.name().equals(ServiceDefinition.IDENTITY)) {
                config.putAll(secrets.identityConfig());
            }
            ServiceProcess process = new ServiceProcess(definition, settings.port(definition),
                    settings.logFile(definition));
            synchronized (this) {
                if (stopped) {
                    return;
                }
                process.start(definition.application(settings.root()), config);
                services.add(process);
            }
        }
        long t = System.nanoTime();
        List<CompletableFuture<Void>> readiness = services.stream()
                .map(process -> CompletableFuture.runAsync(() -> {
                    process.awaitReady(READY_TIMEOUT);
                    out.printf("  %-17s ready on http://localhost:%d (%s)%n", process.service().name(), process.port(), seconds(t));
                }))
                .toList();
        try {
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            ServiceProcess failed = services.stream()
                    .filter(p -> e.getCause().getMessage().startsWith(p.service().name())).findFirst().orElse(null);
            String tail = failed == null ? "" : System.lineSeparator() + failed.logTail(30);
            throw new IllegalStateException(e.getCause().getMessage() + tail, e.getCause());
        }
    }

    /** Every service verifies tokens of identity-service, which publishes its keys at its JWKS endpoint. */
    private Map<String, String> tokenConfig(ServiceDefinition service, LocalSecrets secrets) {
        String issuer = issuer();
        if (service.name().equals(ServiceDefinition.IDENTITY)) {
            return Map.of("nextbest.identity.tokens.issuer", issuer);
        }
        Map<String, String> config = new LinkedHashMap<>(Map.of("mp.jwt.verify.issuer", issuer,
                "mp.jwt.verify.publickey.location", issuer + "/identity/v1/oauth2/jwks"));
        if (service.name().equals("profile-service")) {
            // Ingestion has raw identifiers resolved by identity-service, as the platform-services client.
            config.put("quarkus.rest-client.identity.url", issuer);
            config.put("quarkus.oidc-client.auth-server-url", issuer);
            config.put("quarkus.oidc-client.credentials.secret", secrets.clientSecrets().getProperty("platform-services"));
        }
        if (service.name().equals("nba-service")) {
            // Decisions have raw identifiers resolved by identity-service; the agent view reads profile-service.
            config.put("quarkus.rest-client.identity.url", issuer);
            config.put("quarkus.rest-client.profile.url", "http://127.0.0.1:" + settings.port(ServiceDefinition.ALL.get(1)));
            config.put("quarkus.oidc-client.auth-server-url", issuer);
            config.put("quarkus.oidc-client.credentials.secret", secrets.clientSecrets().getProperty("platform-services"));
        }
        return config;
    }

    private String issuer() {
        return "http://127.0.0.1:" + settings.port(ServiceDefinition.ALL.get(0));
    }

    private void requireApplicationsBuilt() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            if (!Files.isRegularFile(service.application(settings.root()))) {
                throw new IllegalStateException(service.name() + " is not built (" + settings.root().relativize(
                        service.application(settings.root())) + " is missing); run ./mvnw package -DskipTests");
            }
        }
    }

    private void requirePortsFree() {
        settings.ports().forEach((variable, port) -> Ports.requireFree(port, PlatformSettings.describe(variable), variable));
    }

    private void createDirectories() {
        try {
            Files.createDirectories(settings.data());
            Files.createDirectories(settings.logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LocalServers servers() {
        if (servers == null) {
            throw new IllegalStateException("the platform has not started");
        }
        return servers;
    }

    /** Stops the services first (they flush to the servers), then Kafka, Redis and PostgreSQL. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (services.isEmpty() && startedServers.isEmpty()) {
            return;
        }
        out.println("\nStopping the platform ...");
        List<CompletableFuture<Void>> stopping = services.stream()
                .map(process -> CompletableFuture.runAsync(() -> process.stop(STOP_GRACE)))
                .toList();
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        if (!services.isEmpty()) {
            out.println("  services stopped");
        }
        // Reverse order of start. (embedded-redis also stops its server from a JVM shutdown hook of its own.)
        for (int i = startedServers.size() - 1; i >= 0; i--) {
            ManagedServer server = startedServers.get(i);
            server.close();
            out.println("  " + server.name() + " stopped");
        }
        out.println("Stopped. Data kept in " + settings.root().relativize(settings.data()) + "/ (deploy/platform reset deletes it).");
    }

    void printEndpoints() {
        out.println();
        out.printf("  %-17s %-36s %-40s %s%n", "service", "API", "OpenAPI UI", "readiness");
        for (ServiceProcess process : services) {
            String base = "http://localhost:" + process.port();
            out.printf("  %-17s %-36s %-40s %s%n", process.service().name(), base + process.service().apiPath(),
                    base + "/q/swagger-ui", base + "/q/health/ready");
        }
        out.println();
        out.printf("  PostgreSQL 127.0.0.1:%d (user postgres, one database per service), Redis 127.0.0.1:%d, Kafka 127.0.0.1:%d%n",
                settings.port(PlatformSettings.POSTGRES_PORT), settings.port(PlatformSettings.REDIS_PORT),
                settings.port(PlatformSettings.KAFKA_PORT));
        out.println("  Metrics: <service>/q/metrics   Logs: .platform/logs/   Stop: Ctrl-C, or deploy/platform down");
        out.println();
        out.println("  Every API needs an access token. The standard API clients are " + StandardClients.ALL.stream()
                .map(StandardClients.Client::id).collect(java.util.stream.Collectors.joining(", ")) + ";");
        out.println("  their secrets are in .platform/secrets/" + LocalSecrets.CLIENT_SECRETS + ". Get a token with:");
        out.println("    TOKEN=$(deploy/platform token agent-desktop)");
        out.println("  or with any OAuth 2.0 client (client credentials grant):");
        out.println("    curl -u agent-desktop:<secret> -d grant_type=client_credentials " + issuer() + "/identity/v1/oauth2/token");
    }

    private static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
