package dev.nextbest.local.runner;

/** A mistake in how the runner was called; reported as a message and exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
