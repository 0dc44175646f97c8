package dev.nextbest.privacy.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nextbest.privacy.audit.AuditLog;
import dev.nextbest.privacy.audit.Sha256;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Privacy policies and all their versions, in PostgreSQL. The latest version of each policy is in force.
 * Saving a policy whose content equals its latest version stores nothing; anything else becomes the next
 * version, recorded in the audit log.
 */
@ApplicationScoped
public class PolicyStore {

    private static final long ADVISORY_LOCK = 0x7072_5F70_6F6CL; // "pr_pol"

    private final ObjectMapper json;
    private final PolicyCheck check;
    private final AuditLog audit;
    private final Clock clock;

    public PolicyStore(ObjectMapper json, PolicyCheck check, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.check = check;
        this.audit = audit;
    }

    /** A policy version as the API shows it. */
    public record PolicyVersion(String key, int version, String source, String createdBy, Instant createdAt,
                                PrivacyPolicy policy) {
    }

    /** The policies in force: the latest version of each, by key. Call inside a session. */
    public Uni<List<VersionedPolicy>> inForce() {
        return latestRows().map(rows -> rows.stream().map(row -> new VersionedPolicy(row.version, read(row.document))).toList());
    }

    /** The given versions (as an assessment recorded them). */
    public Uni<List<VersionedPolicy>> versions(Map<String, Integer> versions) {
        return Panache.getSession().chain(session -> Multi.createFrom().iterable(versions.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> session.find(StoredPolicy.class,
                        new StoredPolicy.Key(entry.getKey(), entry.getValue())))
                .filter(Objects::nonNull)
                .map(row -> new VersionedPolicy(row.version, read(row.document)))
                .collect().asList());
    }

    public Uni<List<PolicyVersion>> latest() {
        return Panache.withSession(() -> latestRows().map(rows -> rows.stream().map(this::view).toList()));
    }

    public Uni<List<PolicyVersion>> history(String key) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createQuery("from StoredPolicy where key = :key order by version", StoredPolicy.class)
                .setParameter("key", key).getResultList())).map(rows -> rows.stream().map(this::view).toList());
    }

    /**
     * Stores the policy as its next version unless its latest version (of any source, or of {@code onlyIfChangedFrom}
     * when given) has the same content. Runs its own transaction.
     *
     * @throws IllegalArgumentException when it names a key the taxonomy lacks
     */
    public Uni<PolicyVersion> save(PrivacyPolicy policy, String source, String actor, String comparedSource) {
        check.check(policy);
        String document = write(policy);
        String checksum = Sha256.hex(document);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")) AS locked", Long.class)
                .getSingleResult()
                .chain(() -> session.createQuery("from StoredPolicy where key = :key order by version desc", StoredPolicy.class)
                        .setParameter("key", policy.key()).getResultList())
                .chain(versions -> {
                    StoredPolicy compared = versions.stream()
                            .filter(row -> comparedSource == null || row.source.equals(comparedSource))
                            .findFirst().orElse(null);
                    if (compared != null && compared.checksum.equals(checksum)) {
                        return Uni.createFrom().item(view(versions.get(0)));
                    }
                    StoredPolicy row = new StoredPolicy();
                    row.key = policy.key();
                    row.version = versions.isEmpty() ? 1 : versions.get(0).version + 1;
                    row.document = document;
                    row.checksum = checksum;
                    row.source = source;
                    row.createdBy = actor;
                    row.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return session.persist(row)
                            .chain(() -> audit.append("policy-changed", "policy " + row.key, actor,
                                    Map.of("policy", row.key, "version", row.version, "source", source, "checksum", checksum)))
                            .replaceWith(view(row));
                })));
    }

    private Uni<List<StoredPolicy>> latestRows() {
        return Panache.getSession().chain(session -> session.createQuery(
                "from StoredPolicy p where p.version = (select max(q.version) from StoredPolicy q where q.key = p.key) order by p.key",
                StoredPolicy.class).getResultList());
    }

    private PolicyVersion view(StoredPolicy row) {
        return new PolicyVersion(row.key, row.version, row.source, row.createdBy, row.createdAt, read(row.document));
    }

    private PrivacyPolicy read(String document) {
        try {
            return json.readValue(document, PrivacyPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored privacy policy cannot be read", e);
        }
    }

    private String write(PrivacyPolicy policy) {
        try {
            return json.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
