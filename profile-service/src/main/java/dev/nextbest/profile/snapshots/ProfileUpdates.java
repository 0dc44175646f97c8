package dev.nextbest.profile.snapshots;

import dev.nextbest.profile.events.Outbox;
import dev.nextbest.profile.profiles.LifetimeValueSettings;
import dev.nextbest.profile.profiles.Profile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;

/**
 * Writes profile snapshots for the compacted {@value ProfileUpdate#TOPIC} topic, keyed by customer id, through
 * the outbox: in the transaction that changed the profiles, so that no change goes unpublished, and in one
 * order with the tombstone an erasure writes, so that an erased customer's snapshot cannot come back after it.
 */
@ApplicationScoped
public class ProfileUpdates {

    private final Outbox outbox;
    private final LifetimeValueSettings clv;

    public ProfileUpdates(Outbox outbox, LifetimeValueSettings clv) {
        this.outbox = outbox;
        this.clv = clv;
    }

    /** Inside the transaction that changed the profiles. */
    public Uni<Void> changed(Collection<Profile> profiles) {
        Instant now = Instant.now();
        return outbox.addAll(profiles.stream()
                        .map(profile -> new Outbox.NewEvent(ProfileUpdate.TOPIC, profile.customerId, ProfileUpdate.TYPE,
                                profile.customerId, ProfileUpdate.of(profile, clv, now)))
                        .toList())
                .replaceWithVoid();
    }

    /** Inside the erasure's transaction: Kafka compaction then forgets every snapshot of the customer. */
    public Uni<Void> erased(String customerId) {
        return outbox.addTombstone(ProfileUpdate.TOPIC, customerId);
    }
}
