package dev.nextbest.privacy.assessment;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.privacy.PrivacyConfig;
import dev.nextbest.privacy.audit.AuditLog;
import dev.nextbest.privacy.changes.Change;
import dev.nextbest.privacy.changes.ChangeStatus;
import dev.nextbest.privacy.datamap.DataMap;
import dev.nextbest.privacy.policy.PolicyStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes assessments and records decisions on them. Each assessment, its privacy-assessments event and its
 * audit entry commit together with the change that caused it; a privacy officer's decision likewise.
 */
@ApplicationScoped
public class Assessments {

    public static final String TOPIC = "privacy-assessments";
    public static final String TYPE = "dev.nextbest.privacy.assessment-changed.v1";
    public static final String AUTOMATIC = "privacy-service";

    private final DataMap dataMap;
    private final PolicyStore policies;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Assessor assessor;
    private final MeterRegistry registry;
    private final Clock clock;

    public Assessments(DataMap dataMap, PolicyStore policies, Outbox outbox, AuditLog audit,
                       MeterRegistry registry,
                       PrivacyConfig config, Clock clock) {
        this.clock = clock;
        this.dataMap = dataMap;
        this.policies = policies;
        this.outbox = outbox;
        this.audit = audit;
        this.registry = registry;
        this.assessor = new Assessor(config.assessment().largeScalePerDay());
    }

    /** A decision a privacy officer takes on a pending assessment. */
    public enum Decision { APPROVE, REJECT }

    /** Assesses a registered change, inside the caller's transaction. */
    public Uni<Assessment> assess(Change change, AssessmentInputs inputs) {
        return policies.inForce().chain(inForce -> {
            Verdict verdict;
            try {
                verdict = assessor.assess(inputs, dataMap, inForce);
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException("the change cannot be assessed: " + e.getMessage());
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Assessment assessment = new Assessment();
            assessment.id = UUID.randomUUID();
            assessment.changeId = change.id;
            assessment.subjectKind = inputs.kind();
            assessment.subjectId = inputs.subjectId();
            assessment.subjectKey = inputs.subjectKey();
            assessment.subjectVersion = inputs.version();
            assessment.status = verdict.status();
            assessment.risk = verdict.risk();
            assessment.inputs = inputs;
            assessment.verdict = verdict;
            assessment.decidedBy = AUTOMATIC;
            assessment.assessedAt = now;
            assessment.decidedAt = now;
            change.status = ChangeStatus.ASSESSED;
            registry.counter("privacy.assessments", "kind", inputs.kind(), "status", verdict.status().name()).increment();
            return Panache.getSession().chain(session -> session.persist(assessment))
                    .chain(() -> publishAndAudit(assessment, "assessment-made", AUTOMATIC))
                    .replaceWith(assessment);
        });
    }

    /** A privacy officer approves or rejects a pending assessment; its own transaction. */
    public Uni<AssessmentView> decide(UUID id, Decision decision, String note, String officer) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(Assessment.class, id))
                .chain(assessment -> {
                    if (assessment == null) {
                        throw notFound(id);
                    }
                    if (assessment.status != Verdict.Status.PENDING_REVIEW) {
                        throw Problems.conflict("assessment " + id + " is " + assessment.status
                                        + "; only a PENDING_REVIEW assessment can be decided");
                    }
                    assessment.status = decision == Decision.APPROVE ? Verdict.Status.APPROVED : Verdict.Status.REJECTED;
                    assessment.decidedBy = officer;
                    assessment.note = note;
                    assessment.decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    registry.counter("privacy.assessments.decided", "decision", decision.name()).increment();
                    return publishAndAudit(assessment, "assessment-decided", officer).replaceWith(assessment);
                }))
                .map(AssessmentView::of);
    }

    /** What assessing the stored inputs again, with the policy versions it used, gives now. */
    public record Replay(boolean sameResult, boolean sameDataMap, Verdict original, Verdict replayed) {
    }

    /** The latest assessments, newest first; only those with {@code status} when it is given. */
    public Uni<List<Assessment>> latest(Verdict.Status status, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> (status == null
                        ? session.createQuery("from Assessment order by assessedAt desc, id", Assessment.class)
                        : session.createQuery("from Assessment where status = :status order by assessedAt desc, id", Assessment.class)
                                .setParameter("status", status))
                        .setMaxResults(limit)
                        .getResultList()));
    }

    /** Fails with 404 when there is no such assessment. */
    public Uni<Assessment> find(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(Assessment.class, id)))
                .map(found -> {
                    if (found == null) {
                        throw notFound(id);
                    }
                    return found;
                });
    }

    public Uni<Replay> replay(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(Assessment.class, id))
                .chain(assessment -> {
                    if (assessment == null) {
                        throw notFound(id);
                    }
                    return policies.versions(assessment.verdict.policyVersions()).map(used -> {
                        Verdict replayed = assessor.assess(assessment.inputs, dataMap, used);
                        return new Replay(replayed.equals(assessment.verdict),
                                replayed.dataMap().equals(assessment.verdict.dataMap()), assessment.verdict, replayed);
                    });
                }));
    }

    static HttpProblem notFound(UUID id) {
        return Problems.notFound("no assessment with id " + id);
    }

    private Uni<Void> publishAndAudit(Assessment assessment, String auditKind, String actor) {
        AssessmentView view = AssessmentView.of(assessment);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assessment", assessment.id.toString());
        details.put("subject", assessment.subjectKind + " " + assessment.subjectKey + " v" + assessment.subjectVersion);
        details.put("status", assessment.status.name());
        details.put("risk", assessment.risk.name());
        details.put("findings", assessment.verdict.findings().stream().map(finding -> finding.kind() + " " + finding.code()).toList());
        details.put("policyVersions", assessment.verdict.policyVersions());
        details.put("dataMap", assessment.verdict.dataMap());
        if (assessment.note != null) {
            details.put("note", assessment.note);
        }
        return outbox.add(TOPIC, assessment.subjectId, TYPE, assessment.subjectId, view)
                .chain(() -> audit.append(auditKind, "assessment " + assessment.id, actor, details))
                .replaceWithVoid();
    }
}
