package dev.nextbest.local.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the runner keeps its state and which ports it uses; every port can be overridden by environment. */
record PlatformSettings(Path root, Path home, Map<String, Integer> ports) {

    static final String POSTGRES_PORT = "NEXTBEST_POSTGRES_PORT";
    static final String REDIS_PORT = "NEXTBEST_REDIS_PORT";
    static final String KAFKA_PORT = "NEXTBEST_KAFKA_PORT";
    static final String KAFKA_CONTROLLER_PORT = "NEXTBEST_KAFKA_CONTROLLER_PORT";

    static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    /** What listens on the port a variable sets, for messages. */
    static String describe(String portVariable) {
        return switch (portVariable) {
            case POSTGRES_PORT -> "PostgreSQL";
            case REDIS_PORT -> "Redis";
            case KAFKA_PORT -> "Kafka";
            case KAFKA_CONTROLLER_PORT -> "the Kafka controller";
            default -> ServiceDefinition.ALL.stream().filter(s -> s.portVariable().equals(portVariable))
                    .map(ServiceDefinition::name).findFirst().orElse(portVariable);
        };
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(POSTGRES_PORT, 55432);
        ports.put(REDIS_PORT, 56379);
        ports.put(KAFKA_PORT, 59092);
        ports.put(KAFKA_CONTROLLER_PORT, 59093);
        ServiceDefinition.ALL.forEach(service -> ports.put(service.portVariable(), service.defaultPort()));
        return ports;
    }

    static PlatformSettings from(Path root, Map<String, String> environment) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((variable, fallback) -> ports.put(variable, port(environment, variable, fallback)));
        return new PlatformSettings(root, root.resolve(".platform"), ports);
    }

    private static int port(Map<String, String> environment, String variable, int fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(variable + " must be a port number from 1 to 65535, not '" + value + "'");
        }
    }

    int port(String variable) {
        return ports.get(variable);
    }

    int port(ServiceDefinition service) {
        return ports.get(service.portVariable());
    }

    Path data() {
        return home.resolve("data");
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path logFile(ServiceDefinition service) {
        return logs().resolve(service.name() + ".log");
    }

    Path pidFile() {
        return home.resolve("platform.pid");
    }
}
