package dev.nextbest.nba.decision;

import dev.nextbest.nba.live.CompiledCatalog;
import dev.nextbest.nba.live.LiveAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a decision answers when the personalised one is not ready within its service level: the catalogue's
 * fallback actions valid now that have a treatment for the channel, by value and base propensity. No personal
 * data read, nothing scored; the decision says it defaulted and why.
 */
final class DefaultActions {

    private DefaultActions() {
    }

    static Decision decision(UUID id, Instant now, DecisionRequest request, CompiledCatalog compiled, int serviceLevel,
                             long durationMicros) {
        List<Candidate> fallbacks = new ArrayList<>();
        for (LiveAction action : compiled.actions()) {
            if (action.definition().isFallback() && action.validAt(now)) {
                Candidate candidate = new Candidate(action);
                candidate.treatment = action.treatment(request.channel(), request.placement());
                if (candidate.treatment != null) {
                    candidate.value = action.definition().value() == null ? 0 : action.definition().value();
                    candidate.propensity = candidate.modelPropensity = action.definition().basePropensity() == null
                            ? 0 : action.definition().basePropensity();
                    candidate.priority = candidate.value;
                    candidate.selectionProbability = 1.0;
                    fallbacks.add(candidate);
                }
            }
        }
        fallbacks.sort(ArbitrationStage.ORDER);
        int wanted = Math.min(DecisionContext.wanted(request, compiled.settings()), fallbacks.size());
        List<Decision.ChosenAction> actions = DecisionRecords.chosen(fallbacks.subList(0, wanted), fallbacks.size(),
                compiled.settings(), false, true, serviceLevel);
        return new Decision(id, request.customer().id(), now, request.channel(), request.placement(), "treatment", true,
                "not decided within the service level of " + serviceLevel + " ms", actions, compiled.revision(),
                List.of(), request.context(), false, durationMicros, List.of());
    }
}
