package dev.nextbest.local.servers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three real servers the platform needs, started in dependency order and stopped in reverse.
 * Hands out the Quarkus configuration that points one service at them.
 */
public final class LocalServers implements AutoCloseable {

    private final PostgresServer postgres;
    private final RedisServer redis;
    private final KafkaBroker kafka;

    public LocalServers(PostgresServer postgres, RedisServer redis, KafkaBroker kafka) {
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
    }

    /** Servers on free ports with temporary data, for tests. */
    public static LocalServers temporary() {
        return new LocalServers(PostgresServer.temporary(), RedisServer.temporary(), KafkaBroker.temporary());
    }

    public List<ManagedServer> all() {
        return List.of(postgres, redis, kafka);
    }

    /** Starts every server; if one fails, stops those already started and rethrows. */
    public LocalServers start() {
        List<ManagedServer> started = new ArrayList<>();
        try {
            for (ManagedServer server : all()) {
                server.start();
                started.add(server);
            }
            return this;
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            throw e;
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServer redis() {
        return redis;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * Quarkus configuration for a service using {@code database}, as configuration property names.
     * The database is created if it does not exist yet.
     */
    public Map<String, String> quarkusConfig(String database) {
        postgres.ensureDatabase(database);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.redis.hosts", redis.url());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return config;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        List<ManagedServer> servers = all();
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
