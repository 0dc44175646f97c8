package dev.nextbest.profile.intake;

import dev.nextbest.profile.events.AttributesChanged;
import dev.nextbest.profile.events.CustomerEventData;
import dev.nextbest.profile.events.HoldingChanged;
import dev.nextbest.profile.events.InteractionRecorded;
import dev.nextbest.profile.events.ScoresPredicted;

import java.time.Instant;

/**
 * A customer event that passed every check: who, when (event time), and what: an {@link InteractionRecorded},
 * an {@link AttributesChanged}, a {@link HoldingChanged} or a {@link ScoresPredicted}.
 */
public record CustomerEvent(String source, String id, String customerId, Instant occurredAt, CustomerEventData data) {
}
