package dev.nextbest.privacy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only, tamper-evident audit log: every assessment, decision and policy change. Each entry's
 * hash is SHA-256 over its content and the previous entry's hash, so that changing, inserting or removing
 * an entry breaks the chain from there on, which {@link #verify()} finds. Entries are appended inside the
 * transaction of what they record, one writer at a time (a transaction-scoped advisory lock), so the
 * chain has no forks.
 */
@ApplicationScoped
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final long ADVISORY_LOCK = 0x7072_5F61_7564L; // "pr_aud"
    private static final int PAGE = 1000;

    private final ObjectMapper canonical = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** The result of checking the whole chain. brokenAt is the first entry that does not check out. */
    public record Verification(boolean intact, long entries, Long brokenAt, String reason) {
    }

    /** Appends an entry; call it inside the transaction that makes the change it records. */
    public Uni<AuditEntry> append(String kind, String subject, String actor, Object details) {
        String detailsJson = json(details);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")) AS locked", Long.class)
                .getSingleResult()
                .chain(() -> session.createQuery("from AuditEntry order by seq desc", AuditEntry.class)
                        .setMaxResults(1).getResultList())
                .chain(last -> {
                    AuditEntry entry = new AuditEntry();
                    entry.seq = last.isEmpty() ? 1 : last.get(0).seq + 1;
                    entry.previousHash = last.isEmpty() ? GENESIS : last.get(0).hash;
                    entry.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    entry.kind = kind;
                    entry.subject = subject;
                    entry.actor = actor;
                    entry.details = detailsJson;
                    entry.hash = hash(entry);
                    return session.persist(entry).replaceWith(entry);
                }));
    }

    /** The latest entries, newest first. */
    public Uni<List<AuditEntry>> latest(int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createQuery("from AuditEntry order by seq desc", AuditEntry.class).setMaxResults(limit).getResultList()));
    }

    /** Walks the whole chain from the first entry and says whether every hash and link checks out. */
    public Uni<Verification> verify() {
        return verifyFrom(0, GENESIS, 0);
    }

    private Uni<Verification> verifyFrom(long afterSeq, String previousHash, long checked) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createQuery("from AuditEntry where seq > :after order by seq", AuditEntry.class)
                        .setParameter("after", afterSeq).setMaxResults(PAGE).getResultList()))
                .chain(page -> {
                    long expectedSeq = afterSeq + 1;
                    String previous = previousHash;
                    for (AuditEntry entry : page) {
                        if (entry.seq != expectedSeq) {
                            return done(false, checked, expectedSeq, "entry " + expectedSeq + " is missing");
                        }
                        if (!entry.previousHash.equals(previous)) {
                            return done(false, checked, entry.seq, "entry " + entry.seq + " does not link to the entry before it");
                        }
                        if (!entry.hash.equals(hash(entry))) {
                            return done(false, checked, entry.seq, "entry " + entry.seq + " was changed after it was written");
                        }
                        previous = entry.hash;
                        expectedSeq++;
                    }
                    long total = checked + page.size();
                    return page.size() < PAGE ? done(true, total, null, null) : verifyFrom(expectedSeq - 1, previous, total);
                });
    }

    private static Uni<Verification> done(boolean intact, long entries, Long brokenAt, String reason) {
        return Uni.createFrom().item(new Verification(intact, entries, brokenAt, reason));
    }

    static String hash(AuditEntry entry) {
        String content = String.join("\n", Long.toString(entry.seq), entry.recordedAt.toString(), entry.kind,
                entry.subject, entry.actor, entry.details, entry.previousHash);
        return Sha256.hex(content);
    }

    private String json(Object details) {
        try {
            return canonical.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be written as JSON", e);
        }
    }
}
