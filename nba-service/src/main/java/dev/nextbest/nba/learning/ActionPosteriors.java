package dev.nextbest.nba.learning;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * Each action's Beta posterior of being taken up, learnt from responses: successes (accept, convert) and
 * failures (reject, ignore) counted in one Redis hash, {@code nba:bandit}, shared by all replicas. Each
 * replica reads the whole hash every two seconds, so that a decision never waits for Redis to explore.
 * Beta(1 + successes, 1 + failures): an action nobody has answered yet is a uniform guess.
 */
@ApplicationScoped
public class ActionPosteriors implements Posteriors {

    /** Take-up counts of every action; responses/ResponseEffects writes them. */
    public static final String KEY = "nba:bandit";
    private static final Logger LOG = Logger.getLogger(ActionPosteriors.class);

    /** alpha and beta of one action's posterior. */
    public record Posterior(double alpha, double beta) {
        static final Posterior PRIOR = new Posterior(1, 1);

        public double mean() {
            return alpha / (alpha + beta);
        }
    }

    private final ReactiveHashCommands<String, String, Long> hash;
    private volatile Map<String, Posterior> posteriors = Map.of();

    public ActionPosteriors(ReactiveRedisDataSource redis) {
        this.hash = redis.hash(String.class, String.class, Long.class);
    }

    @Override
    public Posterior of(String action) {
        return posteriors.getOrDefault(action, Posterior.PRIOR);
    }

    public Uni<Void> record(String action, boolean success) {
        return hash.hincrby(KEY, action + (success ? ":s" : ":f"), 1).replaceWithVoid();
    }

    @Scheduled(every = "${nextbest.learning.refresh-interval:2s}", delayed = "0s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return hash.hgetall(KEY).invoke(counts -> {
            Map<String, double[]> tallies = new HashMap<>();
            counts.forEach((field, count) -> {
                int colon = field.lastIndexOf(':');
                double[] tally = tallies.computeIfAbsent(field.substring(0, colon), key -> new double[2]);
                tally[field.endsWith(":s") ? 0 : 1] += count;
            });
            Map<String, Posterior> next = new HashMap<>();
            tallies.forEach((action, tally) -> next.put(action, new Posterior(1 + tally[0], 1 + tally[1])));
            posteriors = Map.copyOf(next);
        }).onFailure().invoke(e -> LOG.warnf("action posteriors could not be refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
