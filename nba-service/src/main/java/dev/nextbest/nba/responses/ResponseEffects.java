package dev.nextbest.nba.responses;

import dev.nextbest.nba.contact.ContactCounters;
import dev.nextbest.nba.learning.ActionPosteriors;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * What a response changes in Redis, applied atomically and once (one Lua script, guarded by a marker per
 * response id kept a week): the customer's contact history ({@code nba:contact:{id}}: impressions without
 * response, per channel and day, the last reject and accept, products bought) and the action's take-up
 * counts for exploration ({@code nba:bandit}).
 */
@ApplicationScoped
public class ResponseEffects {

    static final long CONTACT_TTL_SECONDS = 400L * 24 * 3600;
    static final long MARKER_TTL_SECONDS = 7L * 24 * 3600;

    /**
     * KEYS: marker, contact hash, bandit hash. ARGV: type, action, channel, epoch day, epoch second, product
     * ("" if none), bandit field ("" if neither success nor failure), contact TTL, marker TTL.
     * Returns 1 when applied, 0 when this response was applied before.
     */
    private static final String APPLY = """
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[9]) == false then return 0 end
            local contact, kind, action = KEYS[2], ARGV[1], ARGV[2]
            if kind == 'IMPRESSION' then
              redis.call('HINCRBY', contact, 'imp:' .. action, 1)
              redis.call('HINCRBY', contact, 'ch:' .. ARGV[3] .. ':' .. ARGV[4], 1)
            else
              redis.call('HDEL', contact, 'imp:' .. action)
            end
            if kind == 'REJECT' then redis.call('HSET', contact, 'rej:' .. action, ARGV[5]) end
            if kind == 'ACCEPT' or kind == 'CONVERT' then redis.call('HSET', contact, 'acc:' .. action, ARGV[5]) end
            if kind == 'CONVERT' and ARGV[6] ~= '' then redis.call('HSET', contact, 'held:' .. ARGV[6], ARGV[5]) end
            redis.call('EXPIRE', contact, ARGV[8])
            if ARGV[7] ~= '' then redis.call('HINCRBY', KEYS[3], ARGV[7], 1) end
            return 1""";

    private final ReactiveRedisDataSource redis;

    public ResponseEffects(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** @return whether this response was applied now (false: it had been before) */
    public Uni<Boolean> apply(NewResponse response, String product, Instant at) {
        Boolean success = response.type().success();
        String banditField = success == null ? "" : response.action() + (success ? ":s" : ":f");
        return redis.execute("EVAL", APPLY, "3",
                        "nba:response:" + response.responseId(), ContactCounters.KEY + response.customerId(), ActionPosteriors.KEY,
                        response.type().name(), response.action(), response.channel(),
                        Long.toString(at.getEpochSecond() / 86_400), Long.toString(at.getEpochSecond()),
                        product == null ? "" : product, banditField, Long.toString(CONTACT_TTL_SECONDS),
                        Long.toString(MARKER_TTL_SECONDS))
                .map(result -> result.toLong() == 1);
    }
}
