package dev.nextbest.identity.merges;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.identity.customers.Customer;
import dev.nextbest.identity.customers.CustomerRegistry;
import dev.nextbest.identity.customers.CustomerRepository;
import dev.nextbest.identity.identifiers.Identifier;
import dev.nextbest.identity.identifiers.IdentifierRepository;
import dev.nextbest.identity.identifiers.IdentifierType;
import dev.nextbest.identity.identifiers.ResolutionRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Joins two customers found to be one person, and undoes it. A merge moves every identifier of the
 * absorbed customer to the survivor and records which it moved, so that the undo restores exactly that.
 */
@ApplicationScoped
public class Merger {

    public static final String CUSTOMERS_MERGED = "dev.nextbest.identity.customers-merged.v1";
    public static final String CUSTOMERS_UNMERGED = "dev.nextbest.identity.customers-unmerged.v1";

    private final IdentifierRepository identifiers;
    private final CustomerRepository customers;
    private final MergeRepository merges;
    private final ResolutionRules rules;
    private final Outbox outbox;
    private final Clock clock;

    public Merger(IdentifierRepository identifiers, CustomerRepository customers, MergeRepository merges,
                  ResolutionRules rules, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.identifiers = identifiers;
        this.customers = customers;
        this.merges = merges;
        this.rules = rules;
        this.outbox = outbox;
    }

    /** What a merge or an undo did: the pseudonyms whose owner changed, and to whom. */
    public record Moved(UUID mergeId, String from, String to, List<String> pseudonyms) {
    }

    /** Data of merge and unmerge events: ids and identifier types, never identifiers. */
    public record MergeEvent(UUID mergeId, String survivorId, String absorbedId, List<IdentifierType> identifierTypes) {
    }

    /**
     * Why the two must stay apart, if they must: each holds a different identifier of a type a person has
     * only one of (two customer numbers are two people), or together they exceed a type's limit.
     * Runs in the caller's transaction.
     */
    public Uni<Optional<String>> protection(String survivor, String absorbed) {
        return identifiers.list("customerId in ?1", List.of(survivor, absorbed)).map(all -> {
            Map<IdentifierType, Map<String, Long>> byType = all.stream().collect(Collectors.groupingBy(
                    i -> i.type, Collectors.groupingBy(i -> i.customerId, Collectors.counting())));
            for (Map.Entry<IdentifierType, Map<String, Long>> entry : byType.entrySet()) {
                long ofSurvivor = entry.getValue().getOrDefault(survivor, 0L);
                long ofAbsorbed = entry.getValue().getOrDefault(absorbed, 0L);
                int max = rules.of(entry.getKey()).maxPerCustomer();
                if (max == 1 && ofSurvivor > 0 && ofAbsorbed > 0) {
                    return Optional.of("not merged: each has its own " + entry.getKey().wire() + " identifier");
                }
                if (ofSurvivor + ofAbsorbed > max) {
                    return Optional.of("not merged: together they would have more than " + max + " "
                            + entry.getKey().wire() + " identifiers");
                }
            }
            return Optional.empty();
        });
    }

    /** Moves the absorbed customer's identifiers to the survivor, in the caller's transaction. */
    public Uni<Moved> merge(String survivor, String absorbed, String source, String reason) {
        CustomerMerge merge = new CustomerMerge();
        merge.id = UUID.randomUUID();
        merge.survivorId = survivor;
        merge.absorbedId = absorbed;
        merge.source = source;
        merge.reason = reason;
        merge.mergedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return merges.persist(merge)
                .chain(() -> identifiers.list("customerId", absorbed))
                .chain(moving -> move(merge.id, moving, survivor)
                        .chain(() -> customers.findById(absorbed))
                        .invoke(customer -> customer.mergedInto = survivor)
                        .chain(() -> outbox.add(CustomerRegistry.CHANGES_TOPIC, survivor, CUSTOMERS_MERGED, survivor,
                                new MergeEvent(merge.id, survivor, absorbed, types(moving))))
                        .replaceWith(new Moved(merge.id, absorbed, survivor, pseudonyms(moving))));
    }

    private Uni<Void> move(UUID mergeId, List<Identifier> moving, String survivor) {
        return Multi.createFrom().iterable(moving).onItem().transformToUniAndConcatenate(identifier -> {
            identifier.customerId = survivor;
            MovedIdentifier moved = new MovedIdentifier();
            moved.mergeId = mergeId;
            moved.identifierId = identifier.id;
            return Panache.getSession().chain(session -> session.persist(moved));
        }).collect().last().replaceWithVoid();
    }

    /** Gives the absorbed customer back exactly the identifiers the merge moved, in its own transaction. */
    public Uni<Moved> undo(UUID mergeId) {
        return Panache.withTransaction(() -> merges.findById(mergeId).chain(merge -> {
            if (merge == null) {
                throw Problems.notFound("no merge with id " + mergeId);
            }
            if (merge.undoneAt != null) {
                throw Problems.conflict("merge " + mergeId + " was already undone");
            }
            return merges.movedIdentifierIds(mergeId)
                    .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Identifier>of())
                            : identifiers.list("id in ?1", ids))
                    .chain(moved -> {
                        if (moved.stream().anyMatch(i -> !i.customerId.equals(merge.survivorId))) {
                            throw Problems.conflict("identifiers of merge " + mergeId
                                    + " have moved since; undo the later merge first");
                        }
                        moved.forEach(i -> i.customerId = merge.absorbedId);
                        merge.undoneAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        return customers.findById(merge.absorbedId)
                                .invoke((Customer customer) -> customer.mergedInto = null)
                                .chain(() -> outbox.add(CustomerRegistry.CHANGES_TOPIC, merge.absorbedId,
                                        CUSTOMERS_UNMERGED, merge.absorbedId,
                                        new MergeEvent(mergeId, merge.survivorId, merge.absorbedId, types(moved))))
                                .replaceWith(new Moved(mergeId, merge.survivorId, merge.absorbedId, pseudonyms(moved)));
                    });
        }));
    }

    private static List<IdentifierType> types(List<Identifier> identifiers) {
        return identifiers.stream().map(i -> i.type).distinct().sorted().toList();
    }

    private static List<String> pseudonyms(List<Identifier> identifiers) {
        return identifiers.stream().map(i -> i.pseudonym).toList();
    }
}
