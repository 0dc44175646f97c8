package dev.nextbest.profile.events;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Data of a {@value #TYPE} event on {@code customer-events}: the customer (the CloudEvent's subject and
 * the Kafka key) did something on a channel. Unknown fields are ignored.
 *
 * @param channel    where it happened
 * @param kind       what happened, e.g. "page-view", "call", "complaint", "payment-failed"
 * @param attributes details of the interaction, kept as given
 */
public record InteractionRecorded(
        @NotNull Channel channel,
        @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,63}", message = "must be lower-case words joined by '-'") String kind,
        @Size(max = 50, message = "may hold at most 50 entries") Map<String, Object> attributes) implements CustomerEventData {

    @Override
    public void handleWith(Handler handler) {
        handler.interaction(this);
    }

    public static final String TYPE = "dev.nextbest.customer.interaction.v1";

    public Map<String, Object> attributesOrEmpty() {
        return attributes == null ? Map.of() : attributes;
    }
}
