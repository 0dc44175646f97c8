package dev.nextbest.privacy.requests;

import java.util.UUID;

/** Data of a {@value #TYPE} event on {@value #TOPIC} (key = customer id): every service erases the customer. */
public record ErasureRequested(UUID requestId, String customerId) {

    public static final String TOPIC = "privacy-requests";
    public static final String TYPE = "dev.nextbest.privacy.erasure-requested.v1";
}
