package dev.nextbest.local.servers;

import dev.nextbest.local.testing.QuietServerLogs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalServersTest {

    private static LocalServers servers;

    @BeforeAll
    static void start() {
        QuietServerLogs.apply();
        servers = LocalServers.temporary().start();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void postgresServesEachServiceItsOwnDatabaseAndKeepsDataAcrossARestart() throws Exception {
        Map<String, String> config = servers.quarkusConfig("demo");
        String url = config.get("quarkus.datasource.jdbc.url");
        assertThat(url).endsWith("/demo");
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('survives')");
        }

        servers.postgres().stop();
        assertThat(Ports.isFree(servers.postgres().port())).isTrue();
        servers.postgres().start();

        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void refusesADatabaseNameThatIsNotPlain() {
        assertThatThrownBy(() -> servers.postgres().ensureDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redisAnswersAndCanBeRestarted() throws Exception {
        assertThat(redis("PING")).isEqualTo("+PONG");
        servers.redis().stop();
        assertThat(servers.redis().isRunning()).isFalse();
        servers.redis().start();
        assertThat(redis("PING")).isEqualTo("+PONG");
    }

    @Test
    void kafkaDeliversWhatWasProducedInOrderPerKey() throws Exception {
        String topic = "local-servers-test-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(producerConfig)) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "customer-1", "event-" + i)).get();
            }
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 3 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).containsExactly("event-0", "event-1", "event-2");
    }

    @Test
    void aTakenPortIsAClearMessage() {
        int taken = servers.redis().port();
        assertThatThrownBy(() -> Ports.requireFree(taken, "Redis", "NEXTBEST_REDIS_PORT"))
                .hasMessageContaining("port " + taken + " for Redis is already in use")
                .hasMessageContaining("NEXTBEST_REDIS_PORT");
    }

    @Test
    void closingTemporaryServersLeavesNoDataOrProcessBehind() throws Exception {
        Path before = Path.of(System.getProperty("java.io.tmpdir"));
        long tempFoldersBefore = countNextbestTempFolders(before);
        LocalServers extra = LocalServers.temporary().start();
        assertThat(countNextbestTempFolders(before)).isEqualTo(tempFoldersBefore + 2);
        List<Integer> ports = extra.all().stream().map(ManagedServer::port).toList();

        extra.close();

        assertThat(countNextbestTempFolders(before)).isEqualTo(tempFoldersBefore);
        assertThat(ports).allSatisfy(port -> assertThat(Ports.isFree(port)).as("port %d", port).isTrue());
    }

    private static long countNextbestTempFolders(Path tmp) throws IOException {
        try (var files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("nextbest-")).count();
        }
    }

    private String redis(String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", servers.redis().port())) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
