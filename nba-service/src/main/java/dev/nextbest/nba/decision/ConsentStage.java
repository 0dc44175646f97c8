package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.consent.ConsentView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the customer allows, before anything else is looked at: every purpose an action needs must be GRANTED
 * (a purpose the customer never decided on counts as refused, as do DENIED, WITHDRAWN and a grant past its
 * expiry), and the decision's channel must be open to it (a contact preference of NONE closes it to every
 * action, SERVICE_ONLY to all but service messages).
 */
@ApplicationScoped
class ConsentStage implements Stage {

    @Override
    public Uni<Void> apply(DecisionState state) {
        DecisionContext decision = state.context;
        List<Candidate> candidates = state.candidates;
        String channel = decision.request.channel();
        String allowed = decision.consents.allowedOn(channel);
        for (Candidate candidate : candidates) {
            ActionDefinition definition = candidate.action.definition();
            if ("NONE".equals(allowed)) {
                candidate.drop(FunnelExit.CONSENT, "the customer asked not to be contacted by " + channel);
                continue;
            }
            if ("SERVICE_ONLY".equals(allowed) && !definition.isServiceMessage()) {
                candidate.drop(FunnelExit.CONSENT, "the customer asked to hear only about their service by " + channel
                        + ", and this is not a service message");
                continue;
            }
            String refused = refusedPurpose(definition.consentsNeeded(), decision.consents, decision.now);
            if (refused != null) {
                candidate.drop(FunnelExit.CONSENT, refused);
            }
        }
        return DONE;
    }

    private static String refusedPurpose(List<String> needed, ConsentView consents, Instant now) {
        for (String purpose : needed) {
            String status = consents.status(purpose, now);
            if (!ConsentView.GRANTED.equals(status)) {
                return ConsentView.UNKNOWN.equals(status)
                        ? "needs consent to " + purpose + ", which the customer has not given"
                        : "needs consent to " + purpose + ", which is " + status.toLowerCase(Locale.ROOT)
                        + " (since " + consents.changedAt(purpose, now) + ")";
            }
        }
        return null;
    }
}
