package dev.nextbest.profile.identity;

import dev.nextbest.profile.interactions.InteractionRepository;
import dev.nextbest.profile.profiles.Holding;
import dev.nextbest.profile.profiles.Profile;
import dev.nextbest.profile.profiles.ProfileCache;
import dev.nextbest.profile.profiles.ProfileMerge;
import dev.nextbest.profile.profiles.ProfileMergeRepository;
import dev.nextbest.profile.profiles.ProfileRepository;
import dev.nextbest.profile.profiles.ProfileUpdater;
import dev.nextbest.profile.segments.SegmentMembership;
import dev.nextbest.profile.snapshots.ProfileUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * Applies identity-service's decisions to profiles. Each step is one transaction and idempotent (a merge is
 * applied once per merge id), then the affected cached views are marked out of date.
 *
 * <p>Survivorship on a merge: the survivor keeps its attributes and takes from the absorbed profile only the
 * attributes it lacks; holdings are united, and for a product both hold, the one changed last wins; the
 * merged profile is a CUSTOMER if either was (a prospect who turns out to be a customer is the customer);
 * its history is both histories, each event once, and its traits are rebuilt from that history. An unmerge
 * gives the absorbed customer back its interactions, kind, attributes and holdings, and takes from the
 * survivor the attributes and products it had only taken from the absorbed one.
 */
@ApplicationScoped
public class ProfileMerger {

    private final ProfileRepository profiles;
    private final ProfileMergeRepository merges;
    private final InteractionRepository interactions;
    private final ProfileUpdater updater;
    private final SegmentMembership segments;
    private final ProfileCache cache;
    private final ProfileUpdates updates;
    private final Clock clock;

    public ProfileMerger(ProfileRepository profiles, ProfileMergeRepository merges, InteractionRepository interactions,
                         ProfileUpdater updater, SegmentMembership segments, ProfileCache cache,
                         ProfileUpdates updates, Clock clock) {
        this.clock = clock;
        this.updates = updates;
        this.segments = segments;
        this.profiles = profiles;
        this.merges = merges;
        this.interactions = interactions;
        this.updater = updater;
        this.cache = cache;
    }

    /** A new customer id: its profile exists from now on, with its kind, before any behaviour. */
    public Uni<Void> registered(String customerId, String kind) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.lockOrCreate(List.of(customerId), now).chain(locked -> {
                    Profile profile = locked.get(customerId);
                    profile.kind = kind;
                    profile.updatedAt = now;
                    return segments.update(profile)
                            .chain(() -> profiles.save(List.of(profile)))
                            .chain(() -> updates.changed(List.of(profile)));
                }))
                .chain(() -> cache.changed(customerId));
    }

    public Uni<Void> merged(UUID mergeId, String survivorId, String absorbedId) {
        return Panache.withTransaction(() -> merges.findById(mergeId).chain(known -> known != null
                        ? Uni.createFrom().voidItem()
                        : merge(mergeId, survivorId, absorbedId)))
                .chain(() -> markChanged(survivorId, absorbedId));
    }

    public Uni<Void> unmerged(UUID mergeId) {
        return Panache.withTransaction(() -> merges.findById(mergeId).chain(merge -> merge == null || merge.undoneAt != null
                        ? Uni.createFrom().item((ProfileMerge) null)
                        : unmerge(merge)))
                .chain(merge -> merge == null ? Uni.createFrom().voidItem() : markChanged(merge.survivorId, merge.absorbedId));
    }

    private Uni<Void> merge(UUID mergeId, String survivorId, String absorbedId) {
        return profiles.findForUpdate(survivorId).chain(survivorFound -> profiles.findForUpdate(absorbedId).chain(absorbed -> {
            Profile survivor = survivorFound != null ? survivorFound : Profile.create(survivorId, clock.instant());
            ProfileMerge merge = new ProfileMerge();
            merge.mergeId = mergeId;
            merge.survivorId = survivorId;
            merge.absorbedId = absorbedId;
            merge.mergedAt = clock.instant();
            if (absorbed != null) {
                merge.absorbedKind = absorbed.kind;
                merge.absorbedAttributes = new HashMap<>(absorbed.attributes);
                merge.absorbedHoldings = new HashMap<>(absorbed.holdings);
                survivor.attributes = new HashMap<>(survivor.attributes);
                survivor.holdings = new HashMap<>(survivor.holdings);
                absorbed.attributes.forEach((name, value) -> {
                    if (!survivor.attributes.containsKey(name)) {
                        survivor.attributes.put(name, value);
                        merge.filledAttribute(name);
                    }
                });
                absorbed.holdings.forEach((product, holding) -> {
                    Holding own = survivor.holdings.get(product);
                    if (own == null) {
                        merge.filledProduct(product);
                    }
                    if (own == null || holding.changedAt().isAfter(own.changedAt())) {
                        survivor.holdings.put(product, holding);
                    }
                });
                if ("CUSTOMER".equals(absorbed.kind) || survivor.kind == null) {
                    survivor.kind = "CUSTOMER".equals(survivor.kind) ? survivor.kind : absorbed.kind;
                }
            }
            Uni<Void> dropAbsorbed = absorbed == null ? Uni.createFrom().voidItem() : profiles.delete(absorbed);
            return merges.persist(merge)
                    .chain(() -> profiles.persist(survivor))
                    .chain(() -> interactions.moveForMerge(absorbedId, survivorId, mergeId))
                    .chain(() -> dropAbsorbed)
                    .chain(() -> profiles.flush())
                    .chain(() -> updater.rebuild(survivorId))
                    .call(segments::update)
                    .call(merged -> profiles.save(List.of(merged)))
                    .call(merged -> updates.changed(List.of(merged)))
                    // The absorbed customer's profile is now part of the survivor's.
                    .call(() -> updates.erased(absorbedId))
                    .replaceWithVoid();
        }));
    }

    private Uni<ProfileMerge> unmerge(ProfileMerge merge) {
        merge.undoneAt = clock.instant();
        return interactions.moveBack(merge.mergeId)
                .chain(() -> profiles.findForUpdate(merge.absorbedId))
                .chain(found -> {
                    Profile absorbed = found != null ? found : Profile.create(merge.absorbedId, clock.instant());
                    absorbed.kind = merge.absorbedKind;
                    absorbed.attributes = new HashMap<>(merge.absorbedAttributes);
                    absorbed.holdings = new HashMap<>(merge.absorbedHoldings);
                    return profiles.persist(absorbed);
                })
                .chain(() -> profiles.findForUpdate(merge.survivorId))
                .chain(survivor -> {
                    if (survivor == null) {
                        return Uni.createFrom().voidItem();
                    }
                    survivor.attributes = new HashMap<>(survivor.attributes);
                    survivor.holdings = new HashMap<>(survivor.holdings);
                    merge.filledAttributeList().forEach(survivor.attributes::remove);
                    merge.filledProductList().forEach(survivor.holdings::remove);
                    return profiles.persist(survivor).replaceWithVoid();
                })
                .chain(() -> profiles.flush())
                .chain(() -> updater.rebuild(merge.absorbedId))
                .call(segments::update)
                .call(absorbed -> profiles.save(List.of(absorbed)))
                .call(absorbed -> updates.changed(List.of(absorbed)))
                .chain(() -> updater.rebuild(merge.survivorId))
                .call(segments::update)
                .call(survivor -> profiles.save(List.of(survivor)))
                .call(survivor -> updates.changed(List.of(survivor)))
                .replaceWith(merge);
    }

    private Uni<Void> markChanged(String... customerIds) {
        return cache.changed(List.of(customerIds));
    }
}
