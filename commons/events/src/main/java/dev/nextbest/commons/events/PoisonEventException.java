package dev.nextbest.commons.events;

/**
 * An event that can never be processed, however often it is retried (malformed envelope, invalid data).
 * Consumers let it fail the message, and the channel's dead-letter strategy moves it to the dead-letter
 * topic with this message as the reason.
 *
 * <p>It deliberately carries no cause: parser exceptions quote the input, which may be personal data, and
 * a cause would put that into the logs and the dead-letter headers. The message says what is wrong instead.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
