package dev.nextbest.profile.events;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/** Data of a {@value #TYPE} event: a product or service the customer took, suspended or closed. */
public record HoldingChanged(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lower-case letters, digits and '-'") String product,
        @NotNull @Pattern(regexp = "ACTIVE|SUSPENDED|CLOSED", message = "must be ACTIVE, SUSPENDED or CLOSED") String status,
        LocalDate since,
        LocalDate until) implements CustomerEventData {

    @Override
    public void handleWith(Handler handler) {
        handler.holding(this);
    }

    public static final String TYPE = "dev.nextbest.customer.holding-changed.v1";
}
