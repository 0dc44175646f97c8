package dev.nextbest.nba.responses;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's response to an action.
 *
 * @param responseId the caller's id for it: the same id sent twice is recorded once
 * @param decisionId the decision that offered it, if any
 * @param value      for a conversion, what it was worth
 * @param occurredAt when it happened (default: now)
 */
public record NewResponse(
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9_.:-]{1,100}", message = "must be 1 to 100 letters, digits, '_', '.', ':' or '-'") String responseId,
        UUID decisionId,
        @NotNull(message = "is required") @Pattern(regexp = "cus_[0-9a-f]{32}", message = "must be a customer id (cus_ and 32 hexadecimal digits)") String customerId,
        @NotNull(message = "is required") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be an action key") String action,
        @NotNull(message = "is required") ResponseType type,
        @NotNull(message = "is required") @Pattern(regexp = "web|app|agent|ivr|email|sms|store", message = "must be one of web, app, agent, ivr, email, sms, store") String channel,
        @PositiveOrZero BigDecimal value,
        Instant occurredAt) {

    @AssertTrue(message = "only a CONVERT response carries a value")
    public boolean isValueOnlyForConversions() {
        return value == null || type == ResponseType.CONVERT;
    }
}
