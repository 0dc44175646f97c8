package dev.nextbest.local.runner;

import java.nio.file.Path;
import java.util.List;

/** One of the platform's services as the runner starts it. */
record ServiceDefinition(String name, String database, String apiPath, String portVariable, int defaultPort) {

    static final String IDENTITY = "identity-service";

    /** Identity first: it issues the tokens, and the others fetch its keys. */
    static final List<ServiceDefinition> ALL = List.of(
            new ServiceDefinition(IDENTITY, "identity", "/identity/v1", "NEXTBEST_IDENTITY_PORT", 8081),
            new ServiceDefinition("profile-service", "profile", "/profile/v1", "NEXTBEST_PROFILE_PORT", 8082),
            new ServiceDefinition("privacy-service", "privacy", "/privacy/v1", "NEXTBEST_PRIVACY_PORT", 8083),
            new ServiceDefinition("nba-service", "nba", "/nba/v1", "NEXTBEST_NBA_PORT", 8080));

    /** The fast-jar the service's Maven build writes. */
    Path application(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
