package dev.nextbest.nba.policy;

/** An expression that does not compile, yields the wrong type, or names what a profile does not have. */
public class InvalidExpressionException extends RuntimeException {

    public InvalidExpressionException(String message) {
        super(message);
    }
}
