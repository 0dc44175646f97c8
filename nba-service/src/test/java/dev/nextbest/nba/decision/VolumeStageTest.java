package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.contact.VolumeCounters;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.nextbest.nba.decision.Decisions.action;
import static dev.nextbest.nba.decision.Decisions.candidate;
import static dev.nextbest.nba.decision.Decisions.keys;
import static dev.nextbest.nba.decision.Decisions.score;
import static dev.nextbest.nba.decision.Decisions.settings;
import static dev.nextbest.nba.decision.Decisions.state;
import static org.assertj.core.api.Assertions.assertThat;

/** Volume limits and the refill, with reservations answered in memory: no Quarkus, no Redis. */
class VolumeStageTest {

    private static final ActionDefinition.VolumeLimit FIVE_A_DAY = new ActionDefinition.VolumeLimit(5L, ActionDefinition.Period.DAY);

    /** Answers every claim: reserved unless its action is full; remembers what was claimed, call by call. */
    private final List<List<String>> claimed = new ArrayList<>();

    private VolumeStage volumeWithFull(Set<String> full) {
        return new VolumeStage((claims, now) -> {
            claimed.add(claims.stream().map(VolumeCounters.Claim::action).toList());
            boolean[] reserved = new boolean[claims.size()];
            for (int i = 0; i < claims.size(); i++) {
                reserved[i] = !full.contains(claims.get(i).action());
            }
            return Uni.createFrom().item(reserved);
        });
    }

    @Test
    void withoutVolumeLimitsNothingIsReserved() {
        DecisionState decision = arbitrated(settings(false), 2, action("a", 30), action("b", 20), action("c", 10));

        volumeWithFull(Set.of()).apply(decision).await().indefinitely();

        assertThat(claimed).isEmpty();
        assertThat(keys(decision.chosen)).containsExactly("a", "b");
    }

    @Test
    void anActionAtItsLimitGivesItsPlaceToTheNextRanked() {
        DecisionState decision = arbitrated(settings(false), 2,
                action("full", 40, null, FIVE_A_DAY), action("free", 30), action("next", 20, null, FIVE_A_DAY), action("last", 10));

        volumeWithFull(Set.of("full")).apply(decision).await().indefinitely();

        assertThat(keys(decision.chosen)).containsExactly("free", "next");
        assertThat(claimed).containsExactly(List.of("full"), List.of("next"));
        assertThat(candidate(decision, "full").stage).isEqualTo(FunnelExit.VOLUME);
        assertThat(candidate(decision, "full").reason).isEqualTo("its limit of 5 per day is reached");
        assertThat(candidate(decision, "next").alive()).as("back in the funnel").isTrue();
        assertThat(candidate(decision, "last").stage).isEqualTo(FunnelExit.ARBITRATION);
    }

    @Test
    void theRefillStopsAfterThreeRounds() {
        DecisionState decision = arbitrated(settings(false), 1, action("a", 50, null, FIVE_A_DAY),
                action("b", 40, null, FIVE_A_DAY), action("c", 30, null, FIVE_A_DAY), action("d", 20, null, FIVE_A_DAY));

        volumeWithFull(Set.of("a", "b", "c", "d")).apply(decision).await().indefinitely();

        assertThat(decision.chosen).isEmpty();
        assertThat(claimed).containsExactly(List.of("a"), List.of("b"), List.of("c"));
        assertThat(candidate(decision, "d").stage).as("never tried").isEqualTo(FunnelExit.ARBITRATION);
    }

    @Test
    void theControlGroupsPickIsReservedAndNotReplaced() {
        DecisionSettings control = Decisions.inControlGroup(settings(false), DecisionSettings.ControlBehaviour.RANDOM_ELIGIBLE);
        DecisionState decision = arbitrated(control, 2, action("a", 50, null, FIVE_A_DAY), action("b", 40, null, FIVE_A_DAY));
        new ControlGroupStage().apply(decision).await().indefinitely();
        String pick = decision.chosen.get(0).action.key();

        volumeWithFull(Set.of("a", "b")).apply(decision).await().indefinitely();

        assertThat(decision.chosen).isEmpty();
        assertThat(claimed).containsExactly(List.of(pick));
        assertThat(candidate(decision, pick).stage).isEqualTo(FunnelExit.VOLUME);
    }

    private static DecisionState arbitrated(DecisionSettings settings, int limit, dev.nextbest.nba.live.LiveAction... actions) {
        DecisionState decision = state(settings, limit, List.of(actions));
        double[] propensities = new double[actions.length];
        java.util.Arrays.fill(propensities, 0.5);
        score(decision, propensities);
        new ArbitrationStage(key -> new dev.nextbest.nba.learning.ActionPosteriors.Posterior(1, 1)).apply(decision).await().indefinitely();
        return decision;
    }
}
