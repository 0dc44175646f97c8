package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.learning.ActionPosteriors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.nextbest.nba.decision.Decisions.action;
import static dev.nextbest.nba.decision.Decisions.candidate;
import static dev.nextbest.nba.decision.Decisions.keys;
import static dev.nextbest.nba.decision.Decisions.score;
import static dev.nextbest.nba.decision.Decisions.settings;
import static dev.nextbest.nba.decision.Decisions.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Arbitration and its selection probabilities, in memory: no Quarkus, no Redis. */
class ArbitrationStageTest {

    private static final ActionPosteriors.Posterior UNIFORM = new ActionPosteriors.Posterior(1, 1);
    private final ArbitrationStage arbitration = new ArbitrationStage(key -> UNIFORM);
    private final SelectionStage selection = new SelectionStage(key -> UNIFORM);

    @Test
    void ranksByPropensityTimesValueAndChoosesAsManyAsAskedFor() {
        DecisionState decision = state(settings(false), 2, List.of(
                action("small", 10), action("large", 100), action("medium", 40), action("dropped", 1000)));
        score(decision, 0.5, 0.1, 0.5, 0.9);
        candidate(decision, "dropped").drop(FunnelExit.CONSENT, "needs consent to marketing");

        arbitration.apply(decision).await().indefinitely();

        // Priorities 5, 10 and 20: medium first, then large; small ranks third and drops at arbitration.
        assertThat(keys(decision.ranked)).containsExactly("medium", "large", "small");
        assertThat(keys(decision.chosen)).containsExactly("medium", "large");
        assertThat(candidate(decision, "medium").priority).isEqualTo(20.0, within(1e-9));
        assertThat(candidate(decision, "small").stage).isEqualTo(FunnelExit.ARBITRATION);
        assertThat(candidate(decision, "small").reason).as("its rank says why").isNull();
        assertThat(candidate(decision, "small").rank).isEqualTo(3);
        assertThat(candidate(decision, "dropped").rank).as("never ranked").isZero();
        assertThat(candidate(decision, "dropped").stage).isEqualTo(FunnelExit.CONSENT);
        assertThat(candidate(decision, "medium").alive()).isTrue();
    }

    @Test
    void aTieGoesToTheHigherValueThenToTheKey() {
        DecisionState decision = state(settings(false), 3, List.of(action("b", 10), action("a", 10), action("c", 20)));
        score(decision, 0.4, 0.4, 0.2);

        arbitration.apply(decision).await().indefinitely();

        assertThat(keys(decision.ranked)).containsExactly("c", "a", "b");
    }

    @Test
    void factorsSwitchedOffCountAsOne() {
        DecisionSettings valueOnly = withArbitration(settings(false), new DecisionSettings.Arbitration(false, true, true, true));
        DecisionState decision = state(valueOnly, 3, List.of(action("likely", 10), action("valuable", 50)));
        score(decision, 0.9, 0.1);

        arbitration.apply(decision).await().indefinitely();

        assertThat(keys(decision.ranked)).containsExactly("valuable", "likely");
        assertThat(candidate(decision, "valuable").priority).isEqualTo(50.0, within(1e-9));
    }

    @Test
    void exploringBlendsTheModelWithAPosteriorDrawTheSameWayForTheSameDecision() {
        DecisionState first = state(settings(true), 3, List.of(action("a", 10), action("b", 10)));
        score(first, 0.5, 0.3);
        DecisionState again = state(settings(true), 3, List.of(action("a", 10), action("b", 10)));
        score(again, 0.5, 0.3);

        arbitration.apply(first).await().indefinitely();
        arbitration.apply(again).await().indefinitely();

        Candidate a = candidate(first, "a");
        assertThat(a.propensity).as("0.8 x model + 0.2 x a draw in [0, 1]").isBetween(0.4, 0.6);
        assertThat(a.propensity).isNotEqualTo(0.5);
        assertThat(candidate(again, "a").propensity).as("seeded by the decision id").isEqualTo(a.propensity);
    }

    @Test
    void withoutExplorationEveryReturnedActionIsCertain() {
        DecisionState decision = state(settings(false), 2, List.of(action("a", 10), action("b", 20), action("c", 30)));
        score(decision, 0.5, 0.5, 0.5);

        arbitration.apply(decision).await().indefinitely();
        selection.apply(decision).await().indefinitely();

        assertThat(decision.chosen).extracting(c -> c.selectionProbability).containsExactly(1.0, 1.0);
        assertThat(decision.chosen).allMatch(c -> c.stage == FunnelExit.CHOSEN);
        assertThat(candidate(decision, "a").stage).isEqualTo(FunnelExit.ARBITRATION);
    }

    @Test
    void anActionFarAheadIsChosenUnderEveryExplorationDraw() {
        DecisionState decision = state(settings(true), 1, List.of(action("far-ahead", 1000), action("b", 1), action("c", 1)));
        score(decision, 0.5, 0.5, 0.5);

        arbitration.apply(decision).await().indefinitely();
        selection.apply(decision).await().indefinitely();

        assertThat(keys(decision.chosen)).containsExactly("far-ahead");
        assertThat(decision.chosen.get(0).selectionProbability).isEqualTo(1.0);
    }

    @Test
    void twoEqualActionsAreEachChosenAboutHalfTheTime() {
        DecisionState decision = state(settings(true), 1, List.of(action("a", 10), action("b", 10)));
        score(decision, 0.5, 0.5);

        arbitration.apply(decision).await().indefinitely();
        selection.apply(decision).await().indefinitely();

        // 100 draws of a fair choice: 0.5 give or take 0.05 (one standard deviation).
        assertThat(decision.chosen).hasSize(1);
        assertThat(decision.chosen.get(0).selectionProbability).isBetween(0.3, 0.7);
    }

    @Test
    void theControlGroupGetsOneSuitableActionAtRandomEachEquallyLikely() {
        DecisionSettings control = Decisions.inControlGroup(settings(true), DecisionSettings.ControlBehaviour.RANDOM_ELIGIBLE);
        DecisionState decision = state(control, 2, List.of(action("a", 10), action("b", 20), action("c", 30), action("d", 40)));
        score(decision, 0.5, 0.5, 0.5, 0.5);

        arbitration.apply(decision).await().indefinitely();
        new ControlGroupStage().apply(decision).await().indefinitely();
        selection.apply(decision).await().indefinitely();

        assertThat(decision.control).isTrue();
        assertThat(decision.chosen).hasSize(1);
        Candidate pick = decision.chosen.get(0);
        assertThat(pick.stage).isEqualTo(FunnelExit.CHOSEN);
        assertThat(pick.selectionProbability).isEqualTo(0.25);
        assertThat(decision.ranked).filteredOn(c -> c != pick).allMatch(c -> c.stage == FunnelExit.CONTROL_GROUP
                && c.reason.contains("control group"));
    }

    @Test
    void theControlGroupMayGetNothing() {
        DecisionSettings control = Decisions.inControlGroup(settings(false), DecisionSettings.ControlBehaviour.NO_ACTION);
        DecisionState decision = state(control, 2, List.of(action("a", 10), action("b", 20)));
        score(decision, 0.5, 0.5);

        arbitration.apply(decision).await().indefinitely();
        new ControlGroupStage().apply(decision).await().indefinitely();

        assertThat(decision.chosen).isEmpty();
        assertThat(decision.ranked).allMatch(c -> c.stage == FunnelExit.CONTROL_GROUP);
    }

    private static DecisionSettings withArbitration(DecisionSettings settings, DecisionSettings.Arbitration arbitration) {
        return new DecisionSettings(settings.channelCaps(), settings.placements(), settings.controlGroup(),
                settings.exploration(), arbitration, settings.serviceLevelMs());
    }
}
