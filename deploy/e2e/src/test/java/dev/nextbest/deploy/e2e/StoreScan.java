package dev.nextbest.deploy.e2e;

import dev.nextbest.local.servers.LocalServers;
import dev.nextbest.local.servers.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.ScanParams;
import redis.clients.jedis.ScanResult;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Looks for values (a customer id, an email address, a phone number) in every store of the platform: every
 * row of every table of every service's database (text and bytes), every Redis key and value, and the
 * latest record of every key of every compacted Kafka topic. Answers where it found each.
 */
final class StoreScan {

    private final LocalServers servers;
    private final Collection<String> databases;

    StoreScan(LocalServers servers, Collection<String> databases) {
        this.servers = servers;
        this.databases = databases;
    }

    /** Every place that holds one of the values, as "store: where (value)". */
    List<String> find(Collection<String> values) {
        List<String> found = new ArrayList<>();
        databases.forEach(database -> found.addAll(inDatabase(database, values)));
        found.addAll(inRedis(values));
        found.addAll(inCompactedTopics(values));
        return found;
    }

    /** The keys of compacted topics whose latest record is a tombstone and whose key holds the value. */
    List<String> tombstones(String value) {
        List<String> topics = new ArrayList<>();
        latestByKey().forEach((topicAndKey, latest) -> {
            if (latest == null && topicAndKey.contains(value)) {
                topics.add(topicAndKey.substring(0, topicAndKey.indexOf(' ')));
            }
        });
        return topics;
    }

    private List<String> inDatabase(String database, Collection<String> values) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(servers.postgres().jdbcUrl(database), PostgresServer.USER, "")) {
            Map<String, List<String>> byteColumns = byteColumns(connection);
            for (String table : tables(connection)) {
                for (String value : values) {
                    StringBuilder where = new StringBuilder("position(? in t::text) > 0");
                    List<String> columns = byteColumns.getOrDefault(table, List.of());
                    columns.forEach(column -> where.append(" or position(convert_to(?, 'UTF8') in coalesce(t.\"")
                            .append(column).append("\", ''::bytea)) > 0"));
                    try (PreparedStatement count = connection.prepareStatement(
                            "select count(*) from \"" + table + "\" t where " + where)) {
                        for (int i = 1; i <= columns.size() + 1; i++) {
                            count.setString(i, value);
                        }
                        try (ResultSet rows = count.executeQuery()) {
                            rows.next();
                            if (rows.getLong(1) > 0) {
                                found.add("PostgreSQL " + database + "." + table + ": " + rows.getLong(1) + " rows (" + value + ")");
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not scan database " + database, e);
        }
        return found;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Columns of bytes (an outbox's payloads): the row's text shows them only as hex. */
    private static Map<String, List<String>> byteColumns(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new HashMap<>();
        try (ResultSet rows = connection.createStatement().executeQuery("select table_name, column_name from "
                + "information_schema.columns where table_schema = 'public' and data_type = 'bytea'")) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return columns;
    }

    private List<String> inRedis(Collection<String> values) {
        List<String> found = new ArrayList<>();
        try (Jedis redis = new Jedis("127.0.0.1", servers.redis().port())) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().count(500));
                for (String key : page.getResult()) {
                    String content = key + " " + redisValue(redis, key);
                    values.stream().filter(content::contains).forEach(value -> found.add("Redis " + key + " (" + value + ")"));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return found;
    }

    private static String redisValue(Jedis redis, String key) {
        return switch (redis.type(key)) {
            case "string" -> redis.get(key);
            case "hash" -> redis.hgetAll(key).toString();
            case "set" -> redis.smembers(key).toString();
            case "zset" -> redis.zrange(key, 0, -1).toString();
            case "list" -> redis.lrange(key, 0, -1).toString();
            default -> "";
        };
    }

    private List<String> inCompactedTopics(Collection<String> values) {
        List<String> found = new ArrayList<>();
        latestByKey().forEach((topicAndKey, latest) -> values.stream()
                .filter(value -> latest != null && (topicAndKey.contains(value) || latest.contains(value)))
                .forEach(value -> found.add("Kafka " + topicAndKey + " (" + value + ")")));
        return found;
    }

    /** "topic key" to the latest value (null for a tombstone) of every key of every compacted topic. */
    private Map<String, String> latestByKey() {
        Map<String, String> latest = new HashMap<>();
        for (String topic : compactedTopics()) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                        latest.put(topic + " " + key, record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return latest;
    }

    private List<String> compactedTopics() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            List<ConfigResource> topics = admin.listTopics().names().get().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get();
            return configs.entrySet().stream()
                    .filter(e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value().contains(TopicConfig.CLEANUP_POLICY_COMPACT))
                    .map(e -> e.getKey().name())
                    .filter(name -> !name.startsWith("__"))
                    .sorted().collect(Collectors.toList());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list Kafka's topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
