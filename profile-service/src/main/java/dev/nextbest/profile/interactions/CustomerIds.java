package dev.nextbest.profile.interactions;

/**
 * The shape of a pseudonymous customer id. Deliberately excludes '@', '+', spaces and dots, so that a raw
 * identifier (an email address, a phone number) cannot be used where a pseudonymous id belongs.
 */
public final class CustomerIds {

    public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";
    public static final String MESSAGE = "must be a pseudonymous customer id (1 to 64 letters, digits, '_' or '-')";

    private CustomerIds() {
    }

    public static boolean isValid(String value) {
        return value != null && value.matches(PATTERN);
    }
}
