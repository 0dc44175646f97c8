package dev.nextbest.privacy.requests;

import java.util.UUID;

/**
 * Data of the events on {@value #TOPIC} (key = customer id): {@value #ERASURE} asks every service to erase the
 * customer and confirm with {@link ErasureCompleted}; {@value #ACCESS} asks each for everything it holds about
 * them, answered with {@link AccessPart}.
 */
public record SubjectRequested(UUID requestId, String customerId) {

    public static final String TOPIC = "privacy-requests";
    public static final String ERASURE = "dev.nextbest.privacy.erasure-requested.v1";
    public static final String ACCESS = "dev.nextbest.privacy.access-requested.v1";
}
