package dev.nextbest.privacy.assessment;

import java.util.List;

/**
 * One thing an assessment found.
 *
 * @param kind   what sort of finding
 * @param code   the rule's key (policy.rule), the criterion's name, or the field
 * @param detail a sentence a privacy officer can read
 * @param fields the exact fields involved, as expressions and features name them
 */
public record Finding(Kind kind, String code, String detail, List<String> fields) {

    public Finding {
        fields = List.copyOf(fields);
    }

    public enum Kind {
        /** A rule of a privacy policy is violated: the change is rejected. */
        POLICY_VIOLATION,
        /** A field no data map declares: a privacy officer must look. */
        UNDECLARED_FIELD,
        /** A field declared, but not for this data use: a privacy officer must look. */
        UNDECLARED_USE,
        /** The change declares no data use at all. */
        NO_DATA_USE,
        /** A data use needs a consent purpose the change does not ask for. */
        CONSENT_NOT_DECLARED,
        /** A DPIA criterion the change meets. */
        DPIA_CRITERION
    }
}
