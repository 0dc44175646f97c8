package dev.nextbest.privacy.events;

/**
 * An event that can never be processed, however often it is retried (malformed envelope, invalid data).
 * Consumers let it fail the message, and the channel's dead-letter strategy moves it to the dead-letter
 * topic with this message as the reason.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
