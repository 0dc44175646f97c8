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

    /** A customer's interactions, newest first. */
    public record Page(String customerId, List<InteractionView> interactions) {
    }
}
