package dev.nextbest.profile.interactions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An interaction as the read API returns it. */
public record InteractionView(String eventId, String channel, String kind, Instant occurredAt,
                              Map<String, Object> attributes) {

    public static InteractionView of(Interaction interaction) {
        return new InteractionView(interaction.eventId, interaction.channel, interaction.kind,
                interaction.occurredAt, interaction.attributes);
    }

    /**
     * A page of a customer's interactions, newest first.
     *
     * @param nextCursor for the next page (same filters), or null when this is the last
     */
    public record Page(String customerId, List<InteractionView> interactions, String nextCursor) {
    }
}
