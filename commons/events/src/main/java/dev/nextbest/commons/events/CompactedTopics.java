package dev.nextbest.commons.events;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the topics a service keeps the latest state per key in ({@code nextbest.events.compacted-topics},
 * e.g. profile-updates, consent-changes) are compacted, so that they keep the latest record of every key and
 * forget an erased one: created so if missing, switched to compaction if they exist without. At start-up,
 * and again every minute until it has worked once (the broker may not be up yet). Partitions and replication
 * are the broker's defaults; an operator may create the topics beforehand with others.
 */
@ApplicationScoped
public class CompactedTopics {

    private static final Logger LOG = Logger.getLogger(CompactedTopics.class);

    private final String bootstrapServers;
    private final List<String> topics;
    private volatile boolean ensured;

    public CompactedTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                           EventsConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.topics = config.compactedTopics().orElse(List.of());
    }

    void onStart(@Observes StartupEvent start) {
        ensure();
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        if (!ensured) {
            ensure();
        }
    }

    boolean ensure() {
        if (topics.isEmpty()) {
            return ensured = true;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                compact(admin, topic);
            }
            ensured = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("could not make %s compacted topics yet, will try again in a minute: %s", topics, e);
        }
        return ensured;
    }

    private static void compact(Admin admin, String topic) throws Exception {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()).configs(compacted)))
                    .all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        }
    }
}
