package dev.nextbest.profile.interactions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An interaction to record from an event. {@code mergeId} and {@code mergedFrom} are set when the event named
 * a customer since merged into another: it is recorded for the survivor, remembering where it came from, so
 * that an unmerge gives it back.
 */
public record NewInteraction(String eventSource, String eventId, String customerId, String channel, String kind,
                             Instant occurredAt, Instant receivedAt, Map<String, Object> attributes,
                             UUID mergeId, String mergedFrom) {
}
