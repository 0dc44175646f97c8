package dev.nextbest.profile.interactions;

import java.time.Instant;

/** A customer event that passed every check: who, when (event time), and what. */
public record CustomerEvent(String source, String id, String customerId, Instant occurredAt,
                            InteractionRecorded data) {
}
