package dev.nextbest.privacy.changes;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a registered change stands. */
public enum ChangeStatus {
    /** A step kept for the record (an action created): it is assessed when submitted. */
    RECORDED,
    /** Registered; its assessment has not been made yet. */
    PENDING_ASSESSMENT,
    /** Assessed: see its assessment. */
    ASSESSED;

    public static final String ALLOWED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    public static Optional<ChangeStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
}
