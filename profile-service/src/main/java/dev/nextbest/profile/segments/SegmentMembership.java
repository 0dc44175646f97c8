package dev.nextbest.profile.segments;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.profile.profiles.Profile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Re-evaluates a changed profile's segments inside the transaction that changed it, and when membership
 * changes, writes a {@value #TYPE} event to the outbox for the {@value #TOPIC} topic.
 */
@ApplicationScoped
public class SegmentMembership {

    public static final String TOPIC = "profile-segments";
    public static final String TYPE = "dev.nextbest.profile.segment-membership-changed.v1";

    /** The event's data. */
    public record MembershipChanged(String customerId, SortedSet<String> joined, SortedSet<String> left,
                                    SortedSet<String> segments) {
    }

    private final SegmentRules rules;
    private final Outbox outbox;
    private final Clock clock;

    public SegmentMembership(SegmentRules rules, Outbox outbox, Clock clock) {
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** For a profile changed on its own (a merge): as of now. */
    public Uni<Boolean> update(Profile profile) {
        return update(profile, clock.instant());
    }

    /**
     * @param now the batch's time, the same for every profile in it (rules may depend on time)
     * @return whether membership changed (an event was written)
     */
    public Uni<Boolean> update(Profile profile, Instant now) {
        SortedSet<String> before = new TreeSet<>(profile.segments);
        SortedSet<String> after = rules.membership(profile, now);
        if (after.equals(before)) {
            return Uni.createFrom().item(false);
        }
        SortedSet<String> joined = new TreeSet<>(after);
        joined.removeAll(before);
        SortedSet<String> left = new TreeSet<>(before);
        left.removeAll(after);
        profile.segments = new ArrayList<>(after);
        return outbox.add(TOPIC, profile.customerId, TYPE, profile.customerId,
                new MembershipChanged(profile.customerId, joined, left, after)).replaceWith(true);
    }
}
