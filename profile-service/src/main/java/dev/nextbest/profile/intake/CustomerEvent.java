package dev.nextbest.profile.intake;

import dev.nextbest.profile.interactions.InteractionRecorded;

import java.time.Instant;

/** A customer event that passed every check: who, when (event time), and what. */
public record CustomerEvent(String source, String id, String customerId, Instant occurredAt,
                            InteractionRecorded data) {
}
