package dev.nextbest.nba.responses;

/** What the customer did with an offered action. */
public enum ResponseType {
    IMPRESSION, CLICK, ACCEPT, REJECT, IGNORE, CONVERT;

    /** Counted as a take-up (success) or not (failure) by exploration; null when neither. */
    Boolean success() {
        return switch (this) {
            case ACCEPT, CONVERT -> true;
            case REJECT, IGNORE -> false;
            default -> null;
        };
    }
}
