package dev.nextbest.profile.intake;

import dev.nextbest.profile.interactions.InteractionRecorded;
import dev.nextbest.profile.profiles.AttributesChanged;
import dev.nextbest.profile.profiles.HoldingChanged;
import dev.nextbest.profile.profiles.ScoresPredicted;

import java.time.Instant;

/**
 * A customer event that passed every check: who, when (event time), and what: an {@link InteractionRecorded},
 * an {@link AttributesChanged}, a {@link HoldingChanged} or a {@link ScoresPredicted}.
 */
public record CustomerEvent(String source, String id, String customerId, Instant occurredAt, Object data) {
}
