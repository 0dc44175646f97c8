package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.contact.ContactHistory;
import dev.nextbest.nba.live.LiveAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.nextbest.nba.decision.Decisions.NOW;
import static dev.nextbest.nba.decision.Decisions.action;
import static dev.nextbest.nba.decision.Decisions.candidate;
import static dev.nextbest.nba.decision.Decisions.settings;
import static dev.nextbest.nba.decision.Decisions.state;
import static org.assertj.core.api.Assertions.assertThat;

/** The contact rules, on a contact history built in memory: no Quarkus, no Redis. */
class ContactStageTest {

    private static final long DAY = 86_400;
    private static final long TODAY = NOW.getEpochSecond() / DAY;
    private static final ActionDefinition.ContactRules RULES = new ActionDefinition.ContactRules(3, 7, 30);

    private final ContactStage contact = new ContactStage();

    @Test
    void anActionShownTooOftenWithoutAResponseIsSuppressed() {
        DecisionState decision = decide(Map.of("imp:shown-thrice", "3", "imp:shown-twice", "2"),
                action("shown-thrice", 10, RULES, null), action("shown-twice", 10, RULES, null));

        assertThat(candidate(decision, "shown-thrice").stage).isEqualTo(FunnelExit.CONTACT_POLICY);
        assertThat(candidate(decision, "shown-thrice").reason).isEqualTo("shown 3 times without a response (at most 3)");
        assertThat(candidate(decision, "shown-twice").alive()).isTrue();
    }

    @Test
    void aRejectSuppressesTheActionForItsDaysAndNoLonger() {
        DecisionState decision = decide(Map.of(
                        "rej:rejected-lately", Long.toString(NOW.getEpochSecond() - 2 * DAY),
                        "rej:rejected-long-ago", Long.toString(NOW.getEpochSecond() - 8 * DAY)),
                action("rejected-lately", 10, RULES, null), action("rejected-long-ago", 10, RULES, null));

        assertThat(candidate(decision, "rejected-lately").reason).isEqualTo("rejected 2 days ago; not offered again for 7 days");
        assertThat(candidate(decision, "rejected-long-ago").alive()).isTrue();
    }

    @Test
    void anAcceptSuppressesTheActionForItsDays() {
        DecisionState decision = decide(Map.of("acc:accepted", Long.toString(NOW.getEpochSecond() - 3 * 3600)),
                action("accepted", 10, RULES, null), action("no-rules", 10));

        assertThat(candidate(decision, "accepted").reason).isEqualTo("accepted 3 hours ago; not offered again for 30 days");
        assertThat(candidate(decision, "no-rules").alive()).as("an action without contact rules").isTrue();
    }

    @Test
    void aReachedChannelCapSuppressesEveryCandidateStillIn() {
        DecisionSettings capped = new DecisionSettings(Map.of("web", new DecisionSettings.ChannelCap(2, 7)),
                settings(false).placements(), settings(false).controlGroup(), settings(false).exploration(),
                settings(false).arbitration(), 200);
        DecisionState decision = state(capped, 3, ContactHistory.of(Map.of(
                "ch:web:" + TODAY, "1", "ch:web:" + (TODAY - 6), "1", "ch:web:" + (TODAY - 7), "5")),
                List.of(action("a", 10), action("b", 10)));
        candidate(decision, "b").drop(FunnelExit.CONSENT, "needs consent to marketing");

        contact.apply(decision).await().indefinitely();

        assertThat(candidate(decision, "a").reason)
                .as("two impressions in the last seven days; the one eight days ago no longer counts")
                .isEqualTo("the web contact cap is reached: 2 impressions in 7 days (at most 2)");
        assertThat(candidate(decision, "b").stage).as("dropped before, left alone").isEqualTo(FunnelExit.CONSENT);
    }

    @Test
    void underTheChannelCapNothingIsSuppressed() {
        DecisionSettings capped = new DecisionSettings(Map.of("web", new DecisionSettings.ChannelCap(2, 7)),
                settings(false).placements(), settings(false).controlGroup(), settings(false).exploration(),
                settings(false).arbitration(), 200);
        DecisionState decision = state(capped, 3, ContactHistory.of(Map.of("ch:web:" + (TODAY - 7), "5", "ch:web:" + TODAY, "1")),
                List.of(action("a", 10)));

        contact.apply(decision).await().indefinitely();

        assertThat(candidate(decision, "a").alive()).isTrue();
    }

    private DecisionState decide(Map<String, String> history, LiveAction... actions) {
        DecisionState decision = state(settings(false), 3, ContactHistory.of(history), List.of(actions));
        contact.apply(decision).await().indefinitely();
        return decision;
    }
}
