package dev.nextbest.nba.decision;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Ask for the next best actions for one customer, on one channel and placement, in a context.
 *
 * @param customer       who: a customer id, or a raw identifier (e.g. the caller's phone number), resolved
 *                       through identity-service
 * @param channel        web, app, agent, ivr, email, sms or store
 * @param placement      where on the channel (e.g. hero, next-best); its settings may cap the number of actions
 * @param context        what the channel knows of the moment (intent, weather, ...), for policies and models
 * @param limit          at most this many actions, 1 to 100 (default 3)
 * @param explain        also return the funnel: every candidate and where and why it dropped
 * @param serviceLevelMs answer within this many milliseconds, else the default actions (at most the configured level)
 */
public record DecisionRequest(
        @NotNull(message = "is required") @Valid CustomerRef customer,
        @NotNull(message = "is required") @Pattern(regexp = "web|app|agent|ivr|email|sms|store",
                message = "must be one of web, app, agent, ivr, email, sms, store") String channel,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lower-case letters, digits and '-' (at most 64)") String placement,
        @Size(max = 50, message = "at most 50 entries") Map<@Pattern(regexp = "[A-Za-z0-9_]{1,64}", message = "context keys are letters, digits and '_'") String, Object> context,
        @Min(value = 1, message = "must be 1 to 100") @Max(value = 100, message = "must be 1 to 100") Integer limit,
        Boolean explain,
        @Min(value = 1, message = "must be 1 to 10000") @Max(value = 10_000, message = "must be 1 to 10000") Integer serviceLevelMs) {

    /** The customer: exactly one of {@code id} and {@code identifier}. */
    public record CustomerRef(
            @Pattern(regexp = "cus_[0-9a-f]{32}", message = "must be a customer id (cus_ and 32 hexadecimal digits)") String id,
            @Valid RawIdentifier identifier) {

        @AssertTrue(message = "give exactly one of id and identifier")
        public boolean isExactlyOne() {
            return (id == null) != (identifier == null);
        }
    }

    /** An identifier as the channel saw it; sent to identity-service, never logged or stored here. */
    public record RawIdentifier(
            @NotNull(message = "is required") @Pattern(regexp = "customer_number|email|phone|device_id|cookie_id|login_id|crm_id",
                    message = "must be one of customer_number, email, phone, device_id, cookie_id, login_id, crm_id") String type,
            @NotNull(message = "is required") @Size(min = 1, max = 320) String value,
            Boolean verified) {

        @Override
        public String toString() {
            return "RawIdentifier[type=" + type + ", value=(withheld)]";
        }
    }

    public int limitOrDefault() {
        return limit == null ? 3 : limit;
    }

    public boolean wantsExplanation() {
        return Boolean.TRUE.equals(explain);
    }

    public Map<String, Object> contextOrEmpty() {
        return context == null ? Map.of() : context;
    }
}
