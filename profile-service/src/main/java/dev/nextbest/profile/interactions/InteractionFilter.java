package dev.nextbest.profile.interactions;

import dev.nextbest.profile.events.Channel;

import java.time.Instant;
import java.util.Optional;

/**
 * Which of a customer's interactions to read: of a channel, of a kind, that happened from (inclusive) and
 * before (exclusive) given times, after a cursor. Each is optional.
 */
public record InteractionFilter(Optional<Channel> channel, Optional<String> kind, Optional<Instant> from,
                                Optional<Instant> to, Optional<Cursor> after) {

    public static final InteractionFilter NONE = new InteractionFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
}
