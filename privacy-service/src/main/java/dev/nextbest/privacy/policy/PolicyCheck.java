package dev.nextbest.privacy.policy;

import dev.nextbest.privacy.datamap.DataMap;
import dev.nextbest.privacy.datamap.Taxonomy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Checks that a policy names only taxonomy keys, and each rule once. */
@ApplicationScoped
public class PolicyCheck {

    private final Taxonomy taxonomy;

    public PolicyCheck(DataMap dataMap) {
        this.taxonomy = dataMap.taxonomy();
    }

    /** @throws IllegalArgumentException saying which rule names which unknown key */
    public void check(PrivacyPolicy policy) {
        Set<String> seen = new HashSet<>();
        for (PrivacyPolicy.Rule rule : policy.rules()) {
            if (!seen.add(rule.key())) {
                throw new IllegalArgumentException("rule '" + rule.key() + "' appears twice");
            }
            known(rule, "dataCategories", rule.dataCategories().values(), taxonomy::isCategory, "data category");
            known(rule, "dataUses", rule.dataUses().values(), taxonomy::isUse, "data use");
            known(rule, "dataSubjects", rule.dataSubjects().values(), taxonomy::isSubject, "data subject");
        }
    }

    private static void known(PrivacyPolicy.Rule rule, String part, List<String> values, Predicate<String> isKnown, String kind) {
        values.stream().filter(isKnown.negate()).findFirst().ifPresent(value -> {
            throw new IllegalArgumentException("rule '" + rule.key() + "' " + part + ": '" + value + "' is not a " + kind
                    + " of the taxonomy (GET /privacy/v1/taxonomy lists them)");
        });
    }
}
