package dev.nextbest.local.testing;

import dev.nextbest.local.servers.LocalServers;

/** One set of temporary servers per JVM, closed (data deleted) by a shutdown hook. */
final class SharedServers {

    private static LocalServers servers;

    private SharedServers() {
    }

    static synchronized LocalServers get() {
        if (servers == null) {
            QuietServerLogs.apply();
            LocalServers started = LocalServers.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                QuietServerLogs.apply();
                started.close();
            }, "nextbest-test-servers-stop"));
            servers = started;
        }
        return servers;
    }
}
