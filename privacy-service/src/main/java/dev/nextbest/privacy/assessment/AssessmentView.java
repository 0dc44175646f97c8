package dev.nextbest.privacy.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/**
 * An assessment as the API returns it and as privacy-assessments carries it.
 *
 * @param status        where it stands now: APPROVED, PENDING_REVIEW or REJECTED
 * @param assessedAs    what the automatic assessment concluded (a privacy officer may have decided since)
 * @param decidedBy     "privacy-service" when decided automatically, else the privacy officer's client id
 */
public record AssessmentView(UUID id, Subject subject, Verdict.Status status, Verdict.Status assessedAs, Verdict.Risk risk,
                             String decidedBy, String note, List<Finding> findings, List<Criterion> criteria,
                             SortedSet<String> categories, SortedSet<String> requiredConsents,
                             Map<String, Integer> policyVersions, String dataMap, Instant assessedAt, Instant decidedAt,
                             AssessmentInputs inputs) {

    /** What was assessed: an action version or a model version. */
    public record Subject(String kind, String id, String key, int version) {
    }

    public static AssessmentView of(Assessment assessment) {
        Verdict verdict = assessment.verdict;
        return new AssessmentView(assessment.id,
                new Subject(assessment.subjectKind, assessment.subjectId, assessment.subjectKey, assessment.subjectVersion),
                assessment.status, verdict.status(), assessment.risk, assessment.decidedBy, assessment.note,
                verdict.findings(), verdict.criteria(), verdict.categories(), verdict.requiredConsents(),
                verdict.policyVersions(), verdict.dataMap(), assessment.assessedAt, assessment.decidedAt, assessment.inputs);
    }
}
