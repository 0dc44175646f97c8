package dev.nextbest.identity.identifiers;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class IdentifierRepository implements PanacheRepository<Identifier> {

    /** The stored identifiers with any of these pseudonyms: one query for a whole request. */
    public Uni<List<Identifier>> withPseudonyms(List<String> pseudonyms) {
        return list("pseudonym in ?1", pseudonyms);
    }

    public Uni<Long> countOf(String customerId, IdentifierType type) {
        return count("customerId = ?1 and type = ?2", customerId, type);
    }
}
