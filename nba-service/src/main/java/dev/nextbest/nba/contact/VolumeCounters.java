package dev.nextbest.nba.contact;

import dev.nextbest.nba.catalog.ActionDefinition;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Volume constraints: at most so many offers of an action per calendar period, across all customers and all
 * replicas. A decision reserves its chosen actions in one atomic script: each is counted only if still
 * under its limit, so concurrent decisions never overshoot.
 */
@ApplicationScoped
public class VolumeCounters implements VolumeReservations {

    static final String KEY = "nba:volume:";

    /** KEYS: one counter per action; ARGV: the limits, then the counters' lifetime. Returns 1 (reserved) or 0 per key. */
    private static final String RESERVE = """
            local reserved = {}
            local ttl = ARGV[#KEYS + 1]
            for i, key in ipairs(KEYS) do
              local used = tonumber(redis.call('GET', key) or '0')
              if used < tonumber(ARGV[i]) then
                redis.call('INCR', key)
                redis.call('EXPIRE', key, ttl)
                reserved[i] = 1
              else
                reserved[i] = 0
              end
            end
            return reserved""";

    /** One action to reserve. */
    public record Claim(String action, ActionDefinition.VolumeLimit limit) {
    }

    private final ReactiveRedisDataSource redis;

    public VolumeCounters(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<boolean[]> reserve(List<Claim> claims, Instant now) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(new boolean[0]);
        }
        List<String> args = new ArrayList<>();
        args.add(RESERVE);
        args.add(Integer.toString(claims.size()));
        claims.forEach(claim -> args.add(key(claim, now)));
        claims.forEach(claim -> args.add(Long.toString(claim.limit().max())));
        args.add(Long.toString(40L * 24 * 3600));
        return redis.execute("EVAL", args.toArray(String[]::new)).map(response -> {
            boolean[] reserved = new boolean[claims.size()];
            for (int i = 0; i < reserved.length; i++) {
                reserved[i] = response.get(i).toLong() == 1;
            }
            return reserved;
        });
    }

    /** How many were offered this period. */
    public Uni<Long> used(String action, ActionDefinition.VolumeLimit limit, Instant now) {
        return redis.execute("GET", key(new Claim(action, limit), now))
                .map(response -> response == null ? 0L : response.toLong());
    }

    static String key(Claim claim, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = switch (claim.limit().period()) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
        };
        return KEY + claim.action() + ":" + claim.limit().period() + ":" + start;
    }
}
