package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.consent.ConsentView;
import dev.nextbest.nba.contact.ContactHistory;
import dev.nextbest.nba.live.LiveAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Decisions built in memory, for the stages' unit tests: live actions, settings and a decision's state. */
final class Decisions {

    static final String CUSTOMER = "cus_0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private Decisions() {
    }

    /** An action on the web channel with the given value, base propensity and rules (each may be null). */
    static LiveAction action(String key, double value, ActionDefinition.ContactRules contact,
                             ActionDefinition.VolumeLimit volume) {
        ActionDefinition definition = new ActionDefinition(key, "retention", "offers", null,
                List.of(new ActionDefinition.Treatment(key + "-web", "web", null, "An offer", null)),
                null, null, value, null, null, null, null, null, null, null, null, null, null, null,
                contact, volume, 0.5, null);
        return new LiveAction(UUID.nameUUIDFromBytes(key.getBytes()), key, 1, definition, List.of(), List.of(), List.of(),
                null, null, 1.0, Map.of("key", key));
    }

    static LiveAction action(String key, double value) {
        return action(key, value, null, null);
    }

    static DecisionSettings settings(boolean exploring) {
        DecisionSettings defaults = DecisionSettings.defaults();
        return new DecisionSettings(defaults.channelCaps(), defaults.placements(),
                new DecisionSettings.ControlGroup(0.0, ActionDefinition.Period.MONTH, DecisionSettings.ControlBehaviour.NO_ACTION),
                new DecisionSettings.Exploration(exploring, 0.8), defaults.arbitration(), defaults.serviceLevelMs());
    }

    static DecisionSettings inControlGroup(DecisionSettings settings, DecisionSettings.ControlBehaviour behaviour) {
        return new DecisionSettings(settings.channelCaps(), settings.placements(),
                new DecisionSettings.ControlGroup(100.0, ActionDefinition.Period.MONTH, behaviour),
                settings.exploration(), settings.arbitration(), settings.serviceLevelMs());
    }

    /** A decision for the web channel asking for {@code limit} actions, every action a candidate. */
    static DecisionState state(DecisionSettings settings, int limit, ContactHistory contacts, List<LiveAction> actions) {
        DecisionRequest request = new DecisionRequest(new DecisionRequest.CustomerRef(CUSTOMER, null), "web", null,
                null, limit, null, null);
        DecisionContext context = new DecisionContext(CUSTOMER, request, null, ConsentView.NONE, contacts, settings, NOW);
        List<Candidate> candidates = new ArrayList<>();
        actions.forEach(action -> candidates.add(new Candidate(action)));
        return new DecisionState(UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab"), context, candidates);
    }

    static DecisionState state(DecisionSettings settings, int limit, List<LiveAction> actions) {
        return state(settings, limit, ContactHistory.NONE, actions);
    }

    /** Scores the candidates as scoring would: a model propensity each, and the action's value. */
    static void score(DecisionState state, double... propensities) {
        for (int i = 0; i < state.candidates.size(); i++) {
            Candidate candidate = state.candidates.get(i);
            candidate.modelPropensity = propensities[i];
            candidate.value = candidate.action.definition().value();
        }
    }

    static Candidate candidate(DecisionState state, String key) {
        return state.candidates.stream().filter(c -> c.action.key().equals(key)).findFirst().orElseThrow();
    }

    static List<String> keys(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.action.key()).toList();
    }
}
