package dev.nextbest.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real Redis server (the binary bundled in the embedded-redis artefact). With a data folder it
 * keeps an append-only file there, so data survives restarts; without one it keeps nothing on disk.
 */
public final class RedisServer implements ManagedServer {

    private final int port;
    private final Path dataDirectory;
    private redis.embedded.RedisServer server;

    private RedisServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    public static RedisServer persistent(int port, Path dataDirectory) {
        return new RedisServer(port, Directories.create(dataDirectory));
    }

    public static RedisServer temporary() {
        return new RedisServer(Ports.freePort(), null);
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        var builder = redis.embedded.RedisServer.newRedisServer().port(port).bind("127.0.0.1");
        if (dataDirectory == null) {
            builder.setting("save \"\"").setting("appendonly no");
        } else {
            builder.setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec");
        }
        try {
            server = builder.build();
            server.start();
        } catch (IOException e) {
            server = null;
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    @Override
    public void close() {
        stop();
    }
}
