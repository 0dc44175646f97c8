package dev.nextbest.nba.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nextbest.nba.catalog.ActionDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A decision: the ranked actions, and everything needed to explain and audit it later (the catalogue
 * revision and model versions it used, and, when asked or replayed, the funnel). The same record goes to
 * the nba-decisions topic and is kept for replay.
 *
 * @param group     "treatment", or "control" when the customer is in the control group this period
 * @param defaulted true when the decision ran out of its service level and returned the default actions
 * @param funnel    every candidate and where it dropped (only with explain=true, and on replay)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(UUID decisionId, String customerId, Instant madeAt, String channel, String placement,
                       String group, boolean defaulted, String defaultReason, List<ChosenAction> actions,
                       long catalogRevision, List<String> models, Map<String, Object> context, boolean profileKnown,
                       long durationMicros, List<FunnelEntry> funnel) {

    /** One returned action. {@code selectionProbability} is the chance this decision process returns it for these inputs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChosenAction(int rank, String actionKey, UUID actionId, int version, String name, String issue,
                               String group, ActionDefinition.Treatment treatment, double propensity,
                               Double modelPropensity, String model, double value, double contextWeight, double levers,
                               double priority, double selectionProbability, List<String> reasonCodes, String reason) {
    }

    /**
     * Where one candidate left the funnel (CHOSEN if it did not), why, and its scores if it got that far.
     *
     * @param rank   its place in the ranking, for a candidate that reached arbitration
     * @param reason why it dropped; absent at ARBITRATION, where the rank says it (below the returned actions)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunnelEntry(String actionKey, int version, FunnelExit stage, Integer rank, String reason, Double propensity,
                              Double value, Double priority) {
    }

    public Decision withoutFunnel() {
        return new Decision(decisionId, customerId, madeAt, channel, placement, group, defaulted, defaultReason, actions,
                catalogRevision, models, context, profileKnown, durationMicros, null);
    }
}
