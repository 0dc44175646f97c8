package dev.nextbest.identity.identifiers;

/**
 * An identifier value that cannot be used. The message says why without quoting the value: identifiers
 * are personal data and must not reach logs or error responses.
 */
public class InvalidIdentifierException extends RuntimeException {

    private final IdentifierType type;

    public InvalidIdentifierException(IdentifierType type, String reason) {
        super(type.wire() + " " + reason);
        this.type = type;
    }

    public IdentifierType type() {
        return type;
    }
}
