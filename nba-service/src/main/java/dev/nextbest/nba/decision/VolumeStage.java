package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.contact.VolumeCounters;
import dev.nextbest.nba.contact.VolumeReservations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Volume limits (at most N offers of an action per day, week or month, across replicas): the chosen actions
 * that have one are reserved atomically in Redis. One whose limit is reached drops at
 * {@link FunnelExit#VOLUME} and the next ranked takes its place, reserved in turn, for up to three rounds.
 * The control group's pick is reserved too, and not replaced.
 */
@ApplicationScoped
class VolumeStage implements Stage {

    private static final int ROUNDS = 3;

    private final VolumeReservations reservations;

    VolumeStage(VolumeReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public Uni<Void> apply(DecisionState decision) {
        return reserve(decision.chosen, decision.ranked, decision.context.now, decision.control ? ROUNDS : 1)
                .invoke(returned -> decision.chosen = returned)
                .replaceWithVoid();
    }

    private Uni<List<Candidate>> reserve(List<Candidate> chosen, List<Candidate> ranked, Instant now, int round) {
        List<Candidate> limited = chosen.stream().filter(c -> c.action.definition().volume() != null).toList();
        if (limited.isEmpty()) {
            return Uni.createFrom().item(chosen);
        }
        List<VolumeCounters.Claim> claims = limited.stream()
                .map(c -> new VolumeCounters.Claim(c.action.key(), c.action.definition().volume())).toList();
        return reservations.reserve(claims, now).chain(reserved -> {
            List<Candidate> kept = new ArrayList<>(chosen);
            int full = 0;
            for (int i = 0; i < reserved.length; i++) {
                if (!reserved[i]) {
                    Candidate limitReached = limited.get(i);
                    ActionDefinition.VolumeLimit limit = limitReached.action.definition().volume();
                    limitReached.drop(FunnelExit.VOLUME, "its limit of " + limit.max() + " per "
                            + limit.period().name().toLowerCase(Locale.ROOT) + " is reached");
                    kept.remove(limitReached);
                    full++;
                }
            }
            List<Candidate> refill = new ArrayList<>();
            for (Candidate next : ranked) {
                if (refill.size() == full || round >= ROUNDS) {
                    break;
                }
                if (next.stage == FunnelExit.ARBITRATION) {
                    next.restore();
                    refill.add(next);
                }
            }
            return refill.isEmpty() ? Uni.createFrom().item(kept)
                    : reserve(refill, ranked, now, round + 1).map(extra -> {
                        kept.addAll(extra);
                        return kept;
                    });
        });
    }
}
