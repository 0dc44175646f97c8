package dev.nextbest.identity.resolution;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.identity.IdentityConfig;
import dev.nextbest.identity.customers.CustomerCache;
import dev.nextbest.identity.customers.CustomerKind;
import dev.nextbest.identity.customers.CustomerRegistry;
import dev.nextbest.identity.identifiers.Identifier;
import dev.nextbest.identity.identifiers.IdentifierCache;
import dev.nextbest.identity.identifiers.IdentifierNormaliser;
import dev.nextbest.identity.identifiers.IdentifierRepository;
import dev.nextbest.identity.identifiers.IdentifierType;
import dev.nextbest.identity.identifiers.InvalidIdentifierException;
import dev.nextbest.identity.identifiers.Pseudonymiser;
import dev.nextbest.identity.identifiers.ResolutionRules;
import dev.nextbest.identity.merges.Merger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the identifiers a channel has for one person to one customer id. No identifier known: a new
 * customer. Known identifiers of one customer: that customer, with the new identifiers linked (within
 * each type's limit). Identifiers of several customers: the strongest, highest-priority identifier decides
 * the survivor; another customer is merged into it only when a verified strong identifier proves they are
 * one person and merge protection allows it, and is otherwise reported as a conflict. A weak identifier (a
 * shared cookie or device) therefore never joins two people.
 */
@ApplicationScoped
public class IdentityResolver {

    public static final String IDENTIFIERS_LINKED = "dev.nextbest.identity.identifiers-linked.v1";
    private static final Logger LOG = Logger.getLogger(IdentityResolver.class);
    static final String DEFAULT_SOURCE = "/api";

    private final IdentifierNormaliser normaliser;
    private final Pseudonymiser pseudonymiser;
    private final ResolutionRules rules;
    private final IdentifierRepository identifiers;
    private final IdentifierCache cache;
    private final CustomerRegistry customers;
    private final Outbox outbox;
    private final Merger merger;
    private final CustomerCache customerCache;
    private final int maxCustomersPerMerge;
    private final Counter refusedMerges;
    private final Clock clock;

    public IdentityResolver(IdentifierNormaliser normaliser, Pseudonymiser pseudonymiser, ResolutionRules rules,
                            IdentifierRepository identifiers, IdentifierCache cache, CustomerRegistry customers,
                            Outbox outbox, Merger merger, CustomerCache customerCache,
                            IdentityConfig config,
                            MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.normaliser = normaliser;
        this.pseudonymiser = pseudonymiser;
        this.rules = rules;
        this.identifiers = identifiers;
        this.cache = cache;
        this.customers = customers;
        this.outbox = outbox;
        this.merger = merger;
        this.customerCache = customerCache;
        this.maxCustomersPerMerge = config.maxCustomersPerMerge();
        this.refusedMerges = registry.counter("identity.merges.refused");
    }

    public Uni<Resolution> resolve(ResolveRequest request) {
        List<Candidate> candidates = candidates(request.identifiers());
        return fromCache(candidates).chain(cached -> cached.isPresent()
                ? Uni.createFrom().item(cached.get())
                : fromDatabase(request, candidates)
                        // Two requests creating the same identifiers at once: the unique constraint lets one
                        // win, and the other, run again, finds what the winner wrote.
                        .onFailure(IdentityResolver::isUniqueViolation).retry().atMost(1));
    }

    /** One identifier of the request, normalised and pseudonymised. */
    record Candidate(int index, IdentifierType type, boolean verified, String pseudonym, List<String> lookup) {
    }

    private List<Candidate> candidates(List<IdentifierInput> inputs) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            IdentifierInput input = inputs.get(i);
            try {
                String value = normaliser.normalise(input.type(), input.value());
                // One HMAC per key version; the first is the active key's, under which identifiers are stored.
                List<String> lookup = pseudonymiser.lookupPseudonyms(input.type(), value);
                String pseudonym = lookup.get(0);
                if (seen.add(input.type().wire() + pseudonym)) {
                    candidates.add(new Candidate(i, input.type(), input.verified(), pseudonym, lookup));
                }
            } catch (InvalidIdentifierException e) {
                problems.add("identifiers[" + i + "]: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw Problems.badRequest(String.join("; ", problems));
        }
        return candidates;
    }

    /** Every identifier cached, all of one customer: nothing to write, no database round trip. */
    private Uni<Optional<Resolution>> fromCache(List<Candidate> candidates) {
        return cache.customersOf(candidates.stream().map(Candidate::pseudonym).toList()).map(found -> {
            Set<String> owners = found.stream().map(o -> o.orElse(null)).collect(Collectors.toSet());
            if (owners.size() != 1 || owners.contains(null)) {
                return Optional.empty();
            }
            return Optional.of(new Resolution(owners.iterator().next(), Resolution.Outcome.MATCHED,
                    List.of(), List.of(), List.of(), List.of()));
        });
    }

    /** A candidate with the stored identifier it matched, if any. */
    private record Match(Candidate candidate, Optional<Identifier> stored) {
    }

    /** What one resolution did, for the answer and for what follows the commit. */
    private static final class Plan {
        String owner;
        boolean created;
        final List<Resolution.Linked> linked = new ArrayList<>();
        final List<Resolution.NotLinked> notLinked = new ArrayList<>();
        final List<Resolution.Merged> merged = new ArrayList<>();
        final List<Resolution.Conflict> conflicts = new ArrayList<>();
        final Map<String, String> toCache = new LinkedHashMap<>();
        final Map<IdentifierType, Long> counts = new EnumMap<>(IdentifierType.class);

        boolean linkedAny() {
            return created || !linked.isEmpty();
        }

        Resolution resolution() {
            Resolution.Outcome outcome = created ? Resolution.Outcome.CREATED
                    : linked.isEmpty() ? Resolution.Outcome.MATCHED : Resolution.Outcome.LINKED;
            return new Resolution(owner, outcome, linked, notLinked, merged, conflicts);
        }
    }

    private Uni<Resolution> fromDatabase(ResolveRequest request, List<Candidate> candidates) {
        String source = request.source() == null ? DEFAULT_SOURCE : request.source();
        CustomerKind kind = request.kind() == null ? CustomerKind.PROSPECT : request.kind();
        List<String> everyPseudonym = candidates.stream().flatMap(c -> c.lookup().stream()).toList();
        return Panache.withTransaction(() -> identifiers.withPseudonyms(everyPseudonym)
                        .map(stored -> candidates.stream().map(c -> new Match(c, stored.stream()
                                .filter(i -> i.type == c.type() && c.lookup().contains(i.pseudonym))
                                .findFirst())).toList())
                        .chain(matches -> owner(matches, kind)
                                .chain(plan -> mergeOrReport(plan, matches, source))
                                .chain(plan -> link(plan, matches, source))))
                .call(plan -> cache.put(plan.toCache))
                .call(plan -> customerCache.evict(plan.merged.stream().map(Resolution.Merged::customerId).toList()))
                .map(Plan::resolution);
    }

    /** The customer the identifiers resolve to: an existing one chosen by the rules, or a new one. */
    private Uni<Plan> owner(List<Match> matches, CustomerKind kind) {
        Plan plan = new Plan();
        List<Match> found = matches.stream().filter(m -> m.stored().isPresent()).toList();
        if (found.isEmpty()) {
            return customers.create(kind).map(customer -> {
                plan.owner = customer.id();
                plan.created = true;
                return plan;
            });
        }
        Match decisive = found.stream().min(Comparator
                        .comparing((Match m) -> !rules.of(m.candidate().type()).strong())
                        .thenComparingInt(m -> rules.of(m.candidate().type()).priority()))
                .orElseThrow();
        plan.owner = decisive.stored().get().customerId;
        return Uni.createFrom().item(plan);
    }

    /**
     * Every other customer the identifiers point at is merged into the owner when a verified, strong
     * identifier proves they are one person and merge protection allows it; otherwise it is reported.
     * A request that would join more customers than the limit merges none and is flagged.
     */
    private Uni<Plan> mergeOrReport(Plan plan, List<Match> matches, String source) {
        Map<String, List<Candidate>> others = matches.stream()
                .filter(m -> m.stored().isPresent() && !m.stored().get().customerId.equals(plan.owner))
                .collect(Collectors.groupingBy(m -> m.stored().get().customerId, LinkedHashMap::new,
                        Collectors.mapping(Match::candidate, Collectors.toList())));
        if (others.isEmpty()) {
            return Uni.createFrom().item(plan);
        }
        Set<String> proven = others.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(c -> c.verified() && rules.of(c.type()).strong()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (proven.size() + 1 > maxCustomersPerMerge) {
            refusedMerges.increment();
            LOG.warnf("a resolution would have merged %d customers into %s (limit %d); refused, for review",
                    proven.size() + 1, plan.owner, maxCustomersPerMerge);
            String reason = "merge refused: it would join " + (proven.size() + 1) + " customers (limit "
                    + maxCustomersPerMerge + "); flagged for review";
            others.forEach((other, by) -> plan.conflicts.add(new Resolution.Conflict(other, types(by), reason)));
            return Uni.createFrom().item(plan);
        }
        return Multi.createFrom().iterable(others.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> {
                    String other = entry.getKey();
                    List<IdentifierType> by = types(entry.getValue());
                    if (!proven.contains(other)) {
                        plan.conflicts.add(new Resolution.Conflict(other, by,
                                "not merged: no verified strong identifier shows they are one person"));
                        return Uni.createFrom().voidItem();
                    }
                    return merger.protection(plan.owner, other).chain(why -> {
                        if (why.isPresent()) {
                            plan.conflicts.add(new Resolution.Conflict(other, by, why.get()));
                            return Uni.createFrom().voidItem();
                        }
                        String reason = "verified " + entry.getValue().stream()
                                .filter(c -> c.verified() && rules.of(c.type()).strong())
                                .map(c -> c.type().wire()).distinct().collect(Collectors.joining(", "));
                        return merger.merge(plan.owner, other, source, reason).invoke(moved -> {
                            plan.merged.add(new Resolution.Merged(other, moved.mergeId()));
                            moved.pseudonyms().forEach(pseudonym -> plan.toCache.put(pseudonym, plan.owner));
                        }).replaceWithVoid();
                    });
                })
                .collect().last()
                .replaceWith(plan);
    }

    private static List<IdentifierType> types(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::type).distinct().toList();
    }

    private Uni<Plan> link(Plan plan, List<Match> matches, String source) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Multi.createFrom().iterable(matches)
                .onItem().transformToUniAndConcatenate(match -> linkOne(plan, match, source, now))
                .collect().last()
                .chain(() -> plan.linkedAny()
                        ? outbox.add(CustomerRegistry.CHANGES_TOPIC, plan.owner, IDENTIFIERS_LINKED, plan.owner,
                                new IdentifiersLinked(plan.owner, plan.created,
                                        plan.linked.stream().map(Resolution.Linked::type).toList()))
                                .replaceWith(plan)
                        : Uni.createFrom().item(plan));
    }

    /** Data of an identifiers-linked event: which types were linked, never the identifiers. */
    public record IdentifiersLinked(String customerId, boolean newCustomer, List<IdentifierType> types) {
    }

    private Uni<Void> linkOne(Plan plan, Match match, String source, Instant now) {
        Candidate candidate = match.candidate();
        if (match.stored().isPresent()) {
            Identifier stored = match.stored().get();
            if (!stored.customerId.equals(plan.owner)) {
                plan.notLinked.add(new Resolution.NotLinked(candidate.index(), candidate.type(),
                        "belongs to another customer"));
                return Uni.createFrom().voidItem();
            }
            stored.lastSeen = now;
            stored.verified |= candidate.verified();
            if (stored.keyVersion != pseudonymiser.activeVersion()) {
                // Seen again after a key rotation: store it under the active key from now on.
                stored.pseudonym = candidate.pseudonym();
                stored.keyVersion = pseudonymiser.activeVersion();
            }
            plan.toCache.put(candidate.pseudonym(), plan.owner);
            return Uni.createFrom().voidItem();
        }
        int max = rules.of(candidate.type()).maxPerCustomer();
        return count(plan, candidate.type()).chain(count -> {
            if (count >= max) {
                plan.notLinked.add(new Resolution.NotLinked(candidate.index(), candidate.type(),
                        "the customer already has the maximum of " + max + " " + candidate.type().wire() + " identifiers"));
                return Uni.createFrom().voidItem();
            }
            Identifier identifier = new Identifier();
            identifier.customerId = plan.owner;
            identifier.type = candidate.type();
            identifier.pseudonym = candidate.pseudonym();
            identifier.keyVersion = pseudonymiser.activeVersion();
            identifier.verified = candidate.verified();
            identifier.source = source;
            identifier.firstSeen = now;
            identifier.lastSeen = now;
            plan.counts.put(candidate.type(), count + 1);
            plan.linked.add(new Resolution.Linked(candidate.index(), candidate.type()));
            plan.toCache.put(candidate.pseudonym(), plan.owner);
            return identifiers.persist(identifier).replaceWithVoid();
        });
    }

    /** How many identifiers of the type the owner has, counting those this request linked. */
    private Uni<Long> count(Plan plan, IdentifierType type) {
        Long known = plan.counts.get(type);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        if (plan.created) {
            return Uni.createFrom().item(0L);
        }
        return identifiers.countOf(plan.owner, type);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("identifier_unique")) {
                return true;
            }
        }
        return false;
    }
}
