package dev.nextbest.identity.merges;

import dev.nextbest.commons.web.Problems;
import dev.nextbest.identity.customers.CustomerCache;
import dev.nextbest.identity.identifiers.IdentifierCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Merges as the API shows them, and undoing one: the caches follow the identifiers it gives back. */
@ApplicationScoped
public class Merges {

    private final MergeRepository merges;
    private final Merger merger;
    private final IdentifierCache identifierCache;
    private final CustomerCache customerCache;

    public Merges(MergeRepository merges, Merger merger, IdentifierCache identifierCache, CustomerCache customerCache) {
        this.merges = merges;
        this.merger = merger;
        this.identifierCache = identifierCache;
        this.customerCache = customerCache;
    }

    /** Fails with 404 when there is no such merge. */
    public Uni<CustomerMerge> find(UUID id) {
        return Panache.withSession(() -> merges.findById(id)).map(merge -> {
            if (merge == null) {
                throw Problems.notFound("no merge with id " + id);
            }
            return merge;
        });
    }

    /** Fails with 404 when there is no such merge, 409 when it is undone already or its identifiers moved since. */
    public Uni<CustomerMerge> undo(UUID id) {
        return merger.undo(id)
                .call(moved -> identifierCache.put(moved.pseudonyms().stream()
                        .collect(Collectors.toMap(Function.identity(), pseudonym -> moved.to()))))
                .call(moved -> customerCache.evict(List.of(moved.from(), moved.to())))
                .chain(() -> Panache.withSession(() -> merges.findById(id)));
    }
}
