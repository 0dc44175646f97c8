package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.DecisionSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Contact policies, from the customer's contact history in Redis: the channel's cap (impressions per
 * window), and per action the suppressions after N impressions without a response, after a reject and after
 * an acceptance.
 */
@ApplicationScoped
class ContactStage implements Stage {

    @Override
    public Uni<Void> apply(DecisionState state) {
        DecisionContext decision = state.context;
        List<Candidate> candidates = state.candidates;
        String channel = decision.request.channel();
        DecisionSettings.ChannelCap cap = decision.settings.channelCaps().get(channel);
        long today = decision.now.getEpochSecond() / 86_400;
        if (cap != null) {
            long seen = decision.contacts.channelImpressions(channel, cap.days(), today);
            if (seen >= cap.max()) {
                String why = "the " + channel + " contact cap is reached: " + seen + " impressions in " + cap.days()
                        + " days (at most " + cap.max() + ")";
                candidates.stream().filter(Candidate::alive).forEach(candidate -> candidate.drop(FunnelExit.CONTACT_POLICY, why));
                return DONE;
            }
        }
        long now = decision.now.getEpochSecond();
        for (Candidate candidate : candidates) {
            if (!candidate.alive() || candidate.action.definition().contact() == null) {
                continue;
            }
            ActionDefinition.ContactRules rules = candidate.action.definition().contact();
            String key = candidate.action.key();
            long impressions = decision.contacts.impressionsWithoutResponse(key);
            if (rules.maxImpressionsWithoutResponse() != null && impressions >= rules.maxImpressionsWithoutResponse()) {
                candidate.drop(FunnelExit.CONTACT_POLICY, "shown " + impressions + " times without a response (at most "
                        + rules.maxImpressionsWithoutResponse() + ")");
                continue;
            }
            long rejectedAt = decision.contacts.rejectedAt(key);
            if (rules.daysAfterReject() != null && rejectedAt > 0 && now - rejectedAt < rules.daysAfterReject() * 86_400L) {
                candidate.drop(FunnelExit.CONTACT_POLICY, "rejected " + EngagementStage.humane(Duration.ofSeconds(now - rejectedAt))
                        + " ago; not offered again for " + rules.daysAfterReject() + " days");
                continue;
            }
            long acceptedAt = decision.contacts.acceptedAt(key);
            if (rules.daysAfterAccept() != null && acceptedAt > 0 && now - acceptedAt < rules.daysAfterAccept() * 86_400L) {
                candidate.drop(FunnelExit.CONTACT_POLICY, "accepted " + EngagementStage.humane(Duration.ofSeconds(now - acceptedAt))
                        + " ago; not offered again for " + rules.daysAfterAccept() + " days");
            }
        }
        return DONE;
    }
}
