package dev.nextbest.local.testing;

import dev.nextbest.local.servers.LocalServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service's {@code @QuarkusTest}s at real PostgreSQL, Redis and Kafka servers.
 *
 * <p>The servers start once per test JVM and are shared by every test class of the module (Quarkus
 * restarts the application for each test profile; restarting the servers too would only cost time).
 * They stop, and their temporary data is deleted, when the JVM exits.
 *
 * <p>Tokens: every service verifies, and identity-service signs, with the keys of {@link TestTokens}.
 *
 * <p>Init argument {@code database}: the service's own database name. Tests can take the servers with
 * a field {@code @InjectRealServers LocalServers servers}, e.g. to stop one and see readiness fail.
 */
public class RealServersTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, "app");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(SharedServers.get().quarkusConfig(database));
        config.putAll(TestTokens.quarkusConfig());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(SharedServers.get(),
                new TestInjector.AnnotatedAndMatchesType(InjectRealServers.class, LocalServers.class));
    }

    @Override
    public void stop() {
        // The servers outlive one application start (SharedServers stops them at JVM exit). Start any
        // server a test stopped, so that the next test class finds all three running.
        SharedServers.get().all().forEach(server -> server.start());
    }
}
