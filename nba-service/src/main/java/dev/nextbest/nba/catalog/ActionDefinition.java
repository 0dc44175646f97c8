package dev.nextbest.nba.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an action: everything the decision path needs to know about it. A change makes a new
 * version, which goes live only after its privacy assessment; the version that is live keeps serving
 * meanwhile.
 *
 * @param treatments     the channel-specific messages or creatives; a decision offers the action on a channel
 *                       (and placement) only if it has a treatment there
 * @param validFrom      from when it may be offered (inclusive), or always
 * @param validTo        until when (exclusive), or always
 * @param value          its business value, a fixed amount; or
 * @param valueExpression a CEL expression (a double) worked out per customer, e.g. from the lifetime value
 * @param contextWeight  a CEL expression (a double) that weighs it by the situation, e.g. 2.0 when the caller
 *                       says they are leaving; 1 when absent
 * @param levers         business weights multiplied into the priority, e.g. {"strategic": 1.2}
 * @param purposes       the consent purposes it needs (e.g. marketing); the customer must have granted each
 * @param dataUses       the data uses it makes, in the fideslang taxonomy (e.g. marketing.advertising)
 * @param product        the product it sells: never offered to someone who holds it
 * @param attributes     what models may read of it (e.g. offerType), as action.attributes.*
 * @param eligibility    CEL: may this customer have it at all?
 * @param applicability  CEL: does it fit this moment (channel, intent, context)?
 * @param suitability    CEL: is it right for this customer (affordability, vulnerability, sentiment)?
 * @param audience       CUSTOMERS, PROSPECTS or ALL
 * @param contact        when to stop offering it to a customer
 * @param volume         at most this many offers per period, across all customers
 * @param basePropensity the propensity when no model scores its group
 * @param fallback       whether it is a default action, returned when a decision runs out of time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionDefinition(
        @NotNull(message = "is required") @Size(min = 1, max = 200) String name,
        @NotNull(message = "is required") @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String issue,
        @NotNull(message = "is required") @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String group,
        @Size(max = 2000) String description,
        @NotNull(message = "is required") @Size(min = 1, max = 20, message = "must list 1 to 20 treatments")
        List<@Valid @NotNull Treatment> treatments,
        Instant validFrom,
        Instant validTo,
        @PositiveOrZero Double value,
        @Size(max = 2000) String valueExpression,
        @Size(max = 2000) String contextWeight,
        @Size(max = 20) Map<@Pattern(regexp = SLUG, message = SLUG_MESSAGE) String, @NotNull @Positive @DecimalMax("100") Double> levers,
        @Size(max = 20) List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String> purposes,
        @Size(max = 20) List<@NotNull @Pattern(regexp = DATA_USE, message = "must be a data use key such as marketing.advertising") String> dataUses,
        @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String product,
        @Size(max = 50) Map<@Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String, Object> attributes,
        @Size(max = 2000) String eligibility,
        @Size(max = 2000) String applicability,
        @Size(max = 2000) String suitability,
        Audience audience,
        @Valid ContactRules contact,
        @Valid VolumeLimit volume,
        @DecimalMin("0") @DecimalMax("1") Double basePropensity,
        Boolean fallback) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,63}";
    static final String SLUG_MESSAGE = "must be lower-case letters, digits and '-' (at most 64)";
    static final String DATA_USE = "[a-z_]+(\\.[a-z_]+)*";

    public enum Audience { CUSTOMERS, PROSPECTS, ALL }

    public enum Period { DAY, WEEK, MONTH }

    /** A channel-specific rendering of the action. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Treatment(
            @NotNull(message = "is required") @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String key,
            @NotNull(message = "is required") @Pattern(regexp = CHANNELS, message = "must be one of web, app, agent, ivr, email, sms, store") String channel,
            @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String placement,
            @NotNull(message = "is required") @Size(min = 1, max = 2000) String message,
            @Size(max = 2000) String creative) {
    }

    static final String CHANNELS = "web|app|agent|ivr|email|sms|store";

    /**
     * @param maxImpressionsWithoutResponse stop after this many impressions with no response since
     * @param daysAfterReject               not offered again for this many days after a reject
     * @param daysAfterAccept               not offered again for this many days after an accept or a conversion
     */
    public record ContactRules(@Min(1) @Max(1000) Integer maxImpressionsWithoutResponse,
                               @Min(0) @Max(3650) Integer daysAfterReject,
                               @Min(0) @Max(3650) Integer daysAfterAccept) {
    }

    /** At most {@code max} offers per calendar period (UTC), across all customers. */
    public record VolumeLimit(@NotNull @Min(1) Long max, @NotNull Period period) {
    }

    public Audience audienceOrAll() {
        return audience == null ? Audience.ALL : audience;
    }

    public boolean isFallback() {
        return Boolean.TRUE.equals(fallback);
    }

    /**
     * The purposes a customer must have granted for it to reach them: those it names; "marketing" when it makes
     * a marketing use and names none (the privacy assessment flags that, and a decision never trusts it).
     */
    public List<String> consentsNeeded() {
        if (purposes != null && !purposes.isEmpty()) {
            return purposes;
        }
        return dataUses != null && dataUses.stream().anyMatch(ActionDefinition::isMarketing) ? MARKETING : List.of();
    }

    /**
     * A message about the service the customer uses (every data use it declares is an essential one, such as
     * essential.service): what a contact preference of SERVICE_ONLY lets through.
     */
    @JsonIgnore
    public boolean isServiceMessage() {
        return dataUses != null && !dataUses.isEmpty()
                && dataUses.stream().allMatch(use -> use.equals("essential") || use.startsWith("essential."));
    }

    private static final List<String> MARKETING = List.of("marketing");

    private static boolean isMarketing(String use) {
        return use.equals("marketing") || use.startsWith("marketing.");
    }
}
