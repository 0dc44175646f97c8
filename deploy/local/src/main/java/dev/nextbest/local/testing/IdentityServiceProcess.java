package dev.nextbest.local.testing;

import dev.nextbest.local.runner.StandaloneIdentityService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For a service whose tests need the real identity-service (as a client calling it, not as a token
 * issuer): starts identity-service's built application as its own process, on the test JVM's servers and
 * with secrets of its own, once per test JVM. Quarkus test resource; pass the init argument
 * {@code application} (the path of identity-service's {@code quarkus-run.jar}). The configuration it returns
 * points the service's REST client and OIDC client at it, as the standard client {@code platform-services}.
 * The tests that use it are skipped when identity-service has not been built (a module built alone).
 */
public class IdentityServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String APPLICATION_ARG = "application";
    private static StandaloneIdentityService running;
    private Path application;

    @Override
    public void init(Map<String, String> initArgs) {
        application = Path.of(initArgs.getOrDefault(APPLICATION_ARG, "../identity-service/target/quarkus-app/quarkus-run.jar"));
    }

    /** Whether identity-service is built, so that the tests needing it can run. */
    public static boolean available(Path application) {
        return Files.isRegularFile(application);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (!available(application)) {
            return config;
        }
        synchronized (IdentityServiceProcess.class) {
            if (running == null) {
                try {
                    running = StandaloneIdentityService.start(application, SharedServers.get().quarkusConfig("identity"),
                            Files.createTempDirectory("nextbest-identity-"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(running::close, "identity-service-stop"));
            }
        }
        config.put("quarkus.rest-client.identity.url", running.url());
        config.put("quarkus.oidc-client.auth-server-url", running.url());
        config.put("quarkus.oidc-client.credentials.secret", running.clientSecret("platform-services"));
        return config;
    }

    @Override
    public void stop() {
        // Kept for the other test classes of the JVM; stopped when it exits.
    }

    /** The secret of one of the standard clients of the running identity-service. */
    public static String clientSecret(String clientId) {
        return running.clientSecret(clientId);
    }

    /** The running identity-service's base URL, if it runs. */
    public static Optional<String> url() {
        return Optional.ofNullable(running).map(StandaloneIdentityService::url);
    }
}
