package dev.nextbest.identity.clients;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** An application registered to ask for access tokens with its client id and secret. */
@Entity
@Table(name = "api_client")
public class ApiClient {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Space-separated, like an OAuth scope; read it through {@link #roleSet()}. */
    @Column(nullable = false)
    public String roles;

    /** Argon2id, PHC string format. Never the secret itself. */
    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set once the client is revoked: it gets no more tokens, and the ones it holds stop working. */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public Set<String> roleSet() {
        return new TreeSet<>(Arrays.asList(roles.split(" ")));
    }

    public void roles(Collection<String> roleSet) {
        roles = roleSet.stream().sorted().collect(Collectors.joining(" "));
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
