package dev.nextbest.identity.resolution;

import dev.nextbest.identity.customers.CustomerKind;
import dev.nextbest.identity.customers.CustomerRegistry;
import dev.nextbest.identity.events.Outbox;
import dev.nextbest.identity.events.OutboxRelay;
import dev.nextbest.identity.identifiers.IdentifierNormaliser;
import dev.nextbest.identity.identifiers.IdentifierType;
import dev.nextbest.identity.identifiers.InvalidIdentifierException;
import dev.nextbest.identity.identifiers.Pseudonymiser;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

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
 * each type's limit). Identifiers of several customers: never merged here; the strongest, highest-priority
 * identifier decides, and the others are reported as conflicts. A weak identifier (a shared cookie or
 * device) therefore never joins two people.
 */
@ApplicationScoped
public class IdentityResolver {

    public static final String IDENTIFIERS_LINKED = "dev.nextbest.identity.identifiers-linked.v1";
    static final String DEFAULT_SOURCE = "/api";

    private final IdentifierNormaliser normaliser;
    private final Pseudonymiser pseudonymiser;
    private final ResolutionRules rules;
    private final IdentifierRepository identifiers;
    private final IdentifierCache cache;
    private final CustomerRegistry customers;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public IdentityResolver(IdentifierNormaliser normaliser, Pseudonymiser pseudonymiser, ResolutionRules rules,
                            IdentifierRepository identifiers, IdentifierCache cache, CustomerRegistry customers,
                            Outbox outbox, OutboxRelay relay) {
        this.normaliser = normaliser;
        this.pseudonymiser = pseudonymiser;
        this.rules = rules;
        this.identifiers = identifiers;
        this.cache = cache;
        this.customers = customers;
        this.outbox = outbox;
        this.relay = relay;
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
                String pseudonym = pseudonymiser.pseudonym(input.type(), value);
                if (seen.add(input.type().wire() + pseudonym)) {
                    candidates.add(new Candidate(i, input.type(), input.verified(), pseudonym,
                            pseudonymiser.lookupPseudonyms(input.type(), value)));
                }
            } catch (InvalidIdentifierException e) {
                problems.add("identifiers[" + i + "]: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad Request")
                    .withDetail(String.join("; ", problems)).build();
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
                    List.of(), List.of(), List.of()));
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
        final List<Resolution.Conflict> conflicts = new ArrayList<>();
        final Map<String, String> toCache = new LinkedHashMap<>();
        final Map<IdentifierType, Long> counts = new EnumMap<>(IdentifierType.class);

        boolean wroteEvents() {
            return created || !linked.isEmpty();
        }

        Resolution resolution() {
            Resolution.Outcome outcome = created ? Resolution.Outcome.CREATED
                    : linked.isEmpty() ? Resolution.Outcome.MATCHED : Resolution.Outcome.LINKED;
            return new Resolution(owner, outcome, linked, notLinked, conflicts);
        }
    }

    private Uni<Resolution> fromDatabase(ResolveRequest request, List<Candidate> candidates) {
        String source = request.source() == null ? DEFAULT_SOURCE : request.source();
        CustomerKind kind = request.kind() == null ? CustomerKind.PROSPECT : request.kind();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(candidates)
                        .onItem().transformToUniAndConcatenate(c ->
                                identifiers.findAny(c.type(), c.lookup()).map(found -> new Match(c, Optional.ofNullable(found))))
                        .collect().asList()
                        .chain(matches -> owner(matches, kind).chain(plan -> link(plan, matches, source))))
                .invoke(plan -> {
                    if (plan.wroteEvents()) {
                        relay.trigger();
                    }
                })
                .call(plan -> cache.put(plan.toCache))
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
        found.stream()
                .filter(m -> !m.stored().get().customerId.equals(plan.owner))
                .collect(Collectors.groupingBy(m -> m.stored().get().customerId, LinkedHashMap::new,
                        Collectors.mapping(m -> m.candidate().type(), Collectors.toList())))
                .forEach((other, types) -> plan.conflicts.add(new Resolution.Conflict(other, types)));
        return Uni.createFrom().item(plan);
    }

    private Uni<Plan> link(Plan plan, List<Match> matches, String source) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Multi.createFrom().iterable(matches)
                .onItem().transformToUniAndConcatenate(match -> linkOne(plan, match, source, now))
                .collect().last()
                .chain(() -> plan.wroteEvents()
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
