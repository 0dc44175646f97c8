package dev.nextbest.profile.segments;

import dev.nextbest.profile.profiles.Profile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every segment's compiled rule, in memory: compiled once when the segment is saved (or loaded), then
 * evaluated against each profile that changes. Other replicas' edits arrive by reloading every 30 seconds.
 */
@ApplicationScoped
public class SegmentRules {

    private static final Logger LOG = Logger.getLogger(SegmentRules.class);

    private final SegmentRepository segments;
    private final SegmentExpressions expressions;
    private final MeterRegistry metrics;
    private volatile Map<String, SegmentExpressions.Rule> rules = new ConcurrentHashMap<>();

    public SegmentRules(SegmentRepository segments, SegmentExpressions expressions, MeterRegistry metrics) {
        this.segments = segments;
        this.expressions = expressions;
        this.metrics = metrics;
    }

    void loadAtStart(@Observes StartupEvent start) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reload() {
        return Panache.withSession(() -> segments.listAll()).invoke(this::replaceAll).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("segments not reloaded, keeping the ones in memory: %s", failure.toString());
                    return null;
                });
    }

    void put(Segment segment) {
        rules.put(segment.id, expressions.compile(segment.expression));
    }

    void remove(String id) {
        rules.remove(id);
    }

    /** The ids of the segments whose rule the profile satisfies. A rule that cannot be evaluated is false. */
    public SortedSet<String> membership(Profile profile, Instant now) {
        Map<String, Object> variables = SegmentVariables.of(profile, now);
        SortedSet<String> members = new TreeSet<>();
        rules.forEach((id, rule) -> {
            try {
                if (rule.matches(variables)) {
                    members.add(id);
                }
            } catch (Exception e) {
                metrics.counter("profile.segments.evaluation.errors", "segment", id).increment();
            }
        });
        return members;
    }

    private void replaceAll(List<Segment> all) {
        Map<String, SegmentExpressions.Rule> loaded = new ConcurrentHashMap<>();
        for (Segment segment : all) {
            try {
                loaded.put(segment.id, expressions.compile(segment.expression));
            } catch (InvalidExpressionException e) {
                LOG.errorf("segment %s no longer compiles and is left out: %s", segment.id, e.getMessage());
            }
        }
        rules = loaded;
    }
}
