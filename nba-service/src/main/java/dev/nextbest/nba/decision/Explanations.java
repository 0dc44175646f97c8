package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reason codes and a sentence an agent can read out, for each returned action. */
final class Explanations {

    private Explanations() {
    }

    static List<String> codes(Candidate chosen, DecisionSettings settings, boolean control, boolean defaulted) {
        List<String> codes = new ArrayList<>();
        if (defaulted) {
            codes.add("DEFAULT_ACTION");
            return codes;
        }
        if (control) {
            codes.add("CONTROL_GROUP_RANDOM");
            return codes;
        }
        codes.add(chosen.model != null ? "MODEL_PROPENSITY" : "BASE_PROPENSITY");
        if (!chosen.personalised) {
            codes.add("NOT_PERSONALISED");
        }
        if (settings.exploration().enabled()) {
            codes.add("EXPLORATION");
        }
        if (chosen.contextWeight != 1) {
            codes.add(chosen.contextWeight > 1 ? "CONTEXT_BOOST" : "CONTEXT_PENALTY");
        }
        if (chosen.action.levers() != 1) {
            codes.add("BUSINESS_LEVERS");
        }
        if (chosen.action.definition().product() != null) {
            codes.add("PRODUCT_NOT_HELD");
        }
        return codes;
    }

    static String reason(Candidate chosen, int rank, int eligible, boolean control, boolean defaulted, int serviceLevelMs) {
        String name = chosen.action.definition().name();
        if (defaulted) {
            return name + ": a default action, returned because the personalised decision took longer than "
                    + serviceLevelMs + " ms.";
        }
        if (control) {
            return name + ": chosen at random from " + eligible + " suitable actions, because this customer is in the "
                    + "control group this period (it measures what the recommendations add).";
        }
        StringBuilder text = new StringBuilder(name).append(": ");
        text.append(String.format(Locale.ROOT, "about %d%% likely to be taken up", Math.round(chosen.propensity * 100)));
        text.append(chosen.model != null ? " (model " + chosen.model + ")" : " (from past responses)");
        text.append(String.format(Locale.ROOT, ", worth %s", amount(chosen.value)));
        if (chosen.contextWeight > 1) {
            text.append(String.format(Locale.ROOT, ", and %s more relevant in this situation", times(chosen.contextWeight)));
        } else if (chosen.contextWeight < 1) {
            text.append(", though less relevant in this situation");
        }
        text.append(". It passed every consent, eligibility, suitability and contact rule and ranks ")
                .append(rank).append(" of ").append(eligible).append(" suitable actions.");
        if (!chosen.personalised) {
            text.append(" Not personalised: the customer has not allowed profiling, so the model saw only the situation and the offer.");
        }
        return text.toString();
    }

    private static String amount(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String times(double weight) {
        return String.format(Locale.ROOT, "%sx", amount(weight));
    }
}
