package dev.nextbest.profile.events;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Data of a {@value #TYPE} event: attributes of the customer that changed (a null value removes one).
 * Values are strings, numbers or booleans; names are letters, digits and '_'.
 */
public record AttributesChanged(
        @NotNull @Size(min = 1, max = 50, message = "must hold 1 to 50 entries") Map<String, Object> attributes) implements CustomerEventData {

    @Override
    public void handleWith(Handler handler) {
        handler.attributes(this);
    }

    public static final String TYPE = "dev.nextbest.customer.attributes-changed.v1";
    public static final String NAME_PATTERN = "[a-zA-Z][a-zA-Z0-9_]{0,63}";
}
