package dev.nextbest.privacy.assessment;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * An assessment's result: findings, DPIA criteria met, risk, the consents the change needs, and what it
 * comes to.
 *
 * @param categories       the data categories the change touches
 * @param requiredConsents the consent purposes a customer must have granted for the change to reach them
 * @param policyVersions   the version of each privacy policy applied
 * @param dataMap          the checksum of the data map applied
 */
public record Verdict(Status status, Risk risk, List<Finding> findings, List<Criterion> criteria,
                      SortedSet<String> categories, SortedSet<String> requiredConsents,
                      Map<String, Integer> policyVersions, String dataMap) {

    public enum Status {
        /** Low risk and nothing to look at: goes live. */
        APPROVED,
        /** A privacy officer must approve or reject it. */
        PENDING_REVIEW,
        /** It violates a policy rule (or a privacy officer rejected it). */
        REJECTED
    }

    public enum Risk { LOW, MEDIUM, HIGH }
}
