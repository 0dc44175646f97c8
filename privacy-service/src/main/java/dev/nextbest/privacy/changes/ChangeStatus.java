package dev.nextbest.privacy.changes;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a change stands in its privacy assessment. */
public enum ChangeStatus {
    /** Registered; its assessment has not been made yet. */
    PENDING_ASSESSMENT;

    public static final String ALLOWED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    public static Optional<ChangeStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
}
