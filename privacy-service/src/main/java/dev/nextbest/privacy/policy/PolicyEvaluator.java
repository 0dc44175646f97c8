package dev.nextbest.privacy.policy;

import dev.nextbest.privacy.datamap.Taxonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Evaluates privacy policies with the semantics of fides's evaluator: for each rule, the declared data
 * categories, the data use and the data subjects are each compared with the rule's keys (a declared key
 * matches a rule key equal to it or to one of its ancestors: parents match children); the rule is violated
 * only when all three comparisons return offending keys. Pure and deterministic: the same policy and
 * declaration always give the same violations, in the same order.
 */
public final class PolicyEvaluator {

    /**
     * What one use of data declares: one data use (as in a fides privacy declaration), the data categories
     * it touches and whom they are about.
     */
    public record Declaration(Set<String> categories, String use, Set<String> subjects) {
    }

    /** A violated rule, with the declared keys that violate it. */
    public record Violation(String policy, String rule, String ruleName, SortedSet<String> categories,
                            SortedSet<String> uses, SortedSet<String> subjects) {
    }

    public List<Violation> evaluate(PrivacyPolicy policy, Declaration declaration) {
        List<Violation> violations = new ArrayList<>();
        for (PrivacyPolicy.Rule rule : policy.rules()) {
            SortedSet<String> categories = offending(rule.dataCategories(), declaration.categories(), true);
            SortedSet<String> uses = offending(rule.dataUses(), Set.of(declaration.use()), true);
            SortedSet<String> subjects = offending(rule.dataSubjects(), declaration.subjects(), false);
            if (!categories.isEmpty() && !uses.isEmpty() && !subjects.isEmpty()) {
                violations.add(new Violation(policy.key(), rule.key(), rule.name(), categories, uses, subjects));
            }
        }
        return violations;
    }

    /** The declared keys that make this part of the rule match, per its {@link PrivacyPolicy.Matches}. */
    static SortedSet<String> offending(PrivacyPolicy.Terms terms, Set<String> declared, boolean hierarchical) {
        SortedSet<String> matched = new TreeSet<>();
        SortedSet<String> unmatched = new TreeSet<>();
        for (String key : declared) {
            List<String> lineage = hierarchical ? Taxonomy.hierarchy(key) : List.of(key);
            if (lineage.stream().anyMatch(terms.values()::contains)) {
                matched.add(key);
            } else {
                unmatched.add(key);
            }
        }
        return switch (terms.matches()) {
            case ANY -> matched;
            case ALL -> !declared.isEmpty() && unmatched.isEmpty() ? matched : new TreeSet<>();
            case NONE -> matched.isEmpty() ? unmatched : new TreeSet<>();
            case OTHER -> unmatched;
        };
    }
}
