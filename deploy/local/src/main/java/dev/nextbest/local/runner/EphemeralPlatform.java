package dev.nextbest.local.runner;

import dev.nextbest.local.servers.LocalServers;
import dev.nextbest.local.servers.Ports;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole platform as {@code deploy/platform up} runs it (real servers, the four services in their own JVMs,
 * the sample catalogue), but on free ports with every file under a given directory: for end-to-end tests
 * that must not disturb a developer's own platform.
 */
public final class EphemeralPlatform implements AutoCloseable {

    private final PlatformSettings settings;
    private final RunningPlatform platform;
    private final LocalSecrets secrets;

    private EphemeralPlatform(PlatformSettings settings, PrintStream out) {
        this.settings = settings;
        this.platform = new RunningPlatform(settings, out);
        this.secrets = new LocalSecrets(settings.home().resolve("secrets"));
    }

    /**
     * Starts the platform from the services built in {@code repositoryRoot}, keeping data, logs and secrets in
     * {@code home}, and loads the sample catalogue. Stops what it started if any of that fails.
     */
    public static EphemeralPlatform start(Path repositoryRoot, Path home, PrintStream out) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        PlatformSettings.DEFAULT_PORTS.keySet().forEach(variable -> ports.put(variable, Ports.freePort()));
        EphemeralPlatform ephemeral = new EphemeralPlatform(new PlatformSettings(repositoryRoot, home, ports), out);
        try {
            ephemeral.platform.checkPreconditions();
            ephemeral.platform.start();
            new DemoCatalogue(ephemeral.port("nba-service"), ephemeral.port("privacy-service"),
                    ephemeral.token("marketer-console"), ephemeral.token("privacy-console"),
                    repositoryRoot.resolve("nba-service").resolve("models"), out).load();
            return ephemeral;
        } catch (RuntimeException e) {
            ephemeral.close();
            throw e;
        }
    }

    /** Where a service listens, such as {@code http://127.0.0.1:41234}. */
    public URI uri(String service) {
        return URI.create("http://127.0.0.1:" + port(service));
    }

    /** A token for one of the standard API clients, such as {@code agent-desktop} or {@code privacy-console}. */
    public String token(String client) {
        return token(client, Optional.empty());
    }

    /** A token of a channel app scoped to one customer. */
    public String token(String client, String customerId) {
        return token(client, Optional.of(customerId));
    }

    private String token(String client, Optional<String> customerId) {
        String secret = secrets.clientSecrets().getProperty(client);
        if (secret == null) {
            throw new IllegalArgumentException("no standard client " + client);
        }
        TokenRequest.Answer answer = TokenRequest.send(port(ServiceDefinition.IDENTITY), client, secret, customerId);
        return answer.token().orElseThrow(() -> new IllegalStateException("no token for " + client + ": " + answer.error()));
    }

    /** PostgreSQL, Redis and Kafka as the services use them, to look into their stores. */
    public LocalServers servers() {
        return platform.servers();
    }

    /** The databases of the four services, one each. */
    public Map<String, String> databases() {
        Map<String, String> databases = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service -> databases.put(service.name(), service.database()));
        return databases;
    }

    /** Each service's log file, by service name: where to look when a test of the platform fails. */
    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service -> logs.put(service.name(), settings.logFile(service)));
        return logs;
    }

    private int port(String service) {
        return ServiceDefinition.ALL.stream().filter(s -> s.name().equals(service)).findFirst()
                .map(settings::port)
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
    }

    @Override
    public void close() {
        platform.stop();
    }
}
