package dev.nextbest.nba.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An action's lifecycle: it is only offered once ACTIVE, which needs a privacy assessment first. */
public enum ActionStatus {
    DRAFT, PENDING_ASSESSMENT, ACTIVE, RETIRED;

    public static final String ALLOWED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    public static Optional<ActionStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
}
