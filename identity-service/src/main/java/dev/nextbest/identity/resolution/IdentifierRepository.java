package dev.nextbest.identity.resolution;

import dev.nextbest.identity.identifiers.IdentifierType;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class IdentifierRepository implements PanacheRepository<Identifier> {

    /** The stored identifier among these pseudonyms of one identifier (one per key version), if any. */
    public Uni<Identifier> findAny(IdentifierType type, List<String> pseudonyms) {
        return find("type = ?1 and pseudonym in ?2", type, pseudonyms).firstResult();
    }

    public Uni<Long> countOf(String customerId, IdentifierType type) {
        return count("customerId = ?1 and type = ?2", customerId, type);
    }
}
