package dev.nextbest.nba.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * How decisions are made, across the catalogue; changed by API, live at once (the catalogue revision changes).
 *
 * @param channelCaps    per-customer contact caps: at most {@code max} impressions on a channel per {@code days}
 * @param placements     per placement ("channel/placement", e.g. "web/hero"): at most this many actions
 * @param controlGroup   the sticky control group
 * @param exploration    Thompson sampling, blended with the model's propensity
 * @param arbitration    which factors the priority multiplies
 * @param serviceLevelMs a decision that takes longer returns the default actions (a request may ask for less)
 */
public record DecisionSettings(
        @NotNull @Size(max = 7) Map<@Pattern(regexp = ActionDefinition.CHANNELS) String, @Valid @NotNull ChannelCap> channelCaps,
        @NotNull @Size(max = 200) Map<@Pattern(regexp = "(" + ActionDefinition.CHANNELS + ")/" + ActionDefinition.SLUG,
                message = "must be channel/placement, e.g. web/hero") String, @Valid @NotNull Placement> placements,
        @NotNull @Valid ControlGroup controlGroup,
        @NotNull @Valid Exploration exploration,
        @NotNull @Valid Arbitration arbitration,
        @NotNull @Min(1) @Max(10_000) Integer serviceLevelMs) {

    public record ChannelCap(@NotNull @Min(1) Integer max, @NotNull @Min(1) @Max(365) Integer days) {
    }

    public record Placement(@NotNull @Min(1) @Max(100) Integer maxActions) {
    }

    public enum ControlBehaviour { NO_ACTION, RANDOM_ELIGIBLE }

    /**
     * @param percent   of customers, chosen by hashing the customer with the period, so a customer stays in (or
     *                  out of) the group for the whole period
     * @param period    DAY, WEEK or MONTH (UTC)
     * @param behaviour what the group gets: nothing, or one eligible action at random
     */
    public record ControlGroup(@NotNull @DecimalMin("0") @DecimalMax("50") Double percent,
                               @NotNull ActionDefinition.Period period, @NotNull ControlBehaviour behaviour) {
    }

    /** @param modelWeight the propensity is this much the model's, the rest a draw from the action's Beta posterior */
    public record Exploration(@NotNull Boolean enabled, @NotNull @DecimalMin("0") @DecimalMax("1") Double modelWeight) {
    }

    /** Each factor of priority = propensity x context weight x value x levers can be switched off (counted as 1). */
    public record Arbitration(@NotNull Boolean propensity, @NotNull Boolean contextWeight, @NotNull Boolean value,
                              @NotNull Boolean levers) {
    }

    public static DecisionSettings defaults() {
        return new DecisionSettings(
                Map.of("email", new ChannelCap(3, 7), "sms", new ChannelCap(2, 7)),
                Map.of("agent/next-best", new Placement(3), "web/hero", new Placement(1), "app/home", new Placement(2)),
                new ControlGroup(5.0, ActionDefinition.Period.MONTH, ControlBehaviour.NO_ACTION),
                new Exploration(true, 0.8),
                new Arbitration(true, true, true, true),
                200);
    }
}
