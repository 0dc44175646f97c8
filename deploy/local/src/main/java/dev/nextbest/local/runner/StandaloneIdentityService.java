package dev.nextbest.local.runner;

import dev.nextbest.local.servers.Ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * identity-service alone, as its own process, with generated secrets and the standard API clients, the way
 * the local runtime starts it: for the tests of a service that calls it.
 */
public final class StandaloneIdentityService implements AutoCloseable {

    private final ServiceProcess process;
    private final LocalSecrets secrets;

    private StandaloneIdentityService(ServiceProcess process, LocalSecrets secrets) {
        this.process = process;
        this.secrets = secrets;
    }

    /**
     * @param serverConfig the servers' configuration for the identity database, Redis and Kafka
     * @param home         where its secrets and log go
     */
    public static StandaloneIdentityService start(Path application, Map<String, String> serverConfig, Path home) {
        ServiceDefinition definition = ServiceDefinition.ALL.get(0);
        int port = Ports.freePort();
        LocalSecrets secrets = new LocalSecrets(home.resolve("secrets"));
        Map<String, String> config = new LinkedHashMap<>(serverConfig);
        config.putAll(secrets.identityConfig());
        config.put("nextbest.identity.tokens.issuer", "http://127.0.0.1:" + port);
        ServiceProcess process = new ServiceProcess(definition, port, home.resolve("identity-service.log"));
        process.start(application, config);
        try {
            process.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(10));
            throw new IllegalStateException(e.getMessage() + System.lineSeparator() + process.logTail(40), e);
        }
        return new StandaloneIdentityService(process, secrets);
    }

    public String url() {
        return "http://127.0.0.1:" + process.port();
    }

    /** The secret of one of the standard clients (platform-services, agent-desktop, ...). */
    public String clientSecret(String clientId) {
        return secrets.clientSecrets().getProperty(clientId);
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
