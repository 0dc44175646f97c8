package dev.nextbest.local.servers;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), running in
 * this JVM. The broker classes must be the version of the kafka-clients on the class path.
 */
public final class KafkaBroker implements ManagedServer {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final int port;
    private final int controllerPort;
    private final Path logDirectory;
    private final boolean temporary;
    private final int defaultPartitions;
    private KafkaRaftServer server;

    private KafkaBroker(int port, int controllerPort, Path logDirectory, boolean temporary, int defaultPartitions) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDirectory = logDirectory;
        this.temporary = temporary;
        this.defaultPartitions = defaultPartitions;
    }

    /** A broker whose logs live in {@code logDirectory}; topics and offsets survive restarts. */
    public static KafkaBroker persistent(int port, int controllerPort, Path logDirectory, int defaultPartitions) {
        return new KafkaBroker(port, controllerPort, Directories.create(logDirectory), false, defaultPartitions);
    }

    /** A broker on free ports whose logs are deleted on close; new topics get three partitions, as in the local runtime. */
    public static KafkaBroker temporary() {
        return new KafkaBroker(Ports.freePort(), Ports.freePort(), Directories.createTemp("nextbest-kafka-"), true, 3);
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties config = brokerConfig();
        formatOnce();
        server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
    }

    private Properties brokerConfig() {
        Properties config = new Properties();
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("process.roles", "broker,controller");
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        config.put("log.dirs", logDirectory.toAbsolutePath().toString());
        config.put("num.partitions", String.valueOf(defaultPartitions));
        config.put("auto.create.topics.enable", "true");
        // One node: every internal topic has one replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    private void formatOnce() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDirectory.toAbsolutePath().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the Kafka log directory " + logDirectory, e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka did not become ready on port " + port, notYet);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            Directories.deleteRecursively(logDirectory);
        }
    }
}
