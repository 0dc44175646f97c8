package dev.nextbest.identity.erasure;

import java.util.Map;
import java.util.UUID;

/** Data of a {@value #TYPE} event on {@value #TOPIC}: what this service erased, by store. */
public record ErasureCompleted(UUID requestId, String service, String customerId, Map<String, Long> erased) {

    public static final String TOPIC = "privacy-acks";
    public static final String TYPE = "dev.nextbest.privacy.erasure-completed.v1";
}
