package dev.nextbest.profile.segments;

/** A segment expression that does not compile, or names what a profile does not have. */
public class InvalidExpressionException extends RuntimeException {

    public InvalidExpressionException(String message) {
        super(message);
    }
}
