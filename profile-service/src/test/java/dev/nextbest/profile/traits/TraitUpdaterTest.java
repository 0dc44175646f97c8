package dev.nextbest.profile.traits;

import dev.nextbest.profile.events.Channel;
import dev.nextbest.profile.events.InteractionRecorded;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TraitUpdaterTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final TraitUpdater updater = new TraitUpdater(new VerbatimSentiment());

    private record Event(Channel channel, String kind, Map<String, Object> attributes, Instant at) {
    }

    private final List<Event> history = List.of(
            new Event(Channel.parse("web").orElseThrow(), "page-view", Map.of(), NOW.minus(40, ChronoUnit.DAYS)),
            new Event(Channel.parse("web").orElseThrow(), "purchase", Map.of("amount", 49.99), NOW.minus(30, ChronoUnit.DAYS)),
            new Event(Channel.parse("app").orElseThrow(), "purchase", Map.of("amount", "20.01"), NOW.minus(10, ChronoUnit.DAYS)),
            new Event(Channel.parse("agent").orElseThrow(), "complaint", Map.of(), NOW.minus(9, ChronoUnit.DAYS)),
            new Event(Channel.parse("agent").orElseThrow(), "call", Map.of(), NOW.minus(3, ChronoUnit.DAYS)),
            new Event(Channel.parse("ivr").orElseThrow(), "call", Map.of(), NOW.minus(1, ChronoUnit.DAYS)),
            new Event(Channel.parse("email").orElseThrow(), "survey", Map.of("nps", 9), NOW.minus(20, ChronoUnit.DAYS)),
            new Event(Channel.parse("email").orElseThrow(), "survey", Map.of("nps", 3), NOW.minus(2, ChronoUnit.DAYS)),
            new Event(Channel.parse("app").orElseThrow(), "payment-failed", Map.of(), NOW.minus(5, ChronoUnit.DAYS)),
            new Event(Channel.parse("web").orElseThrow(), "page-view", Map.of("category", "broadband"), NOW.minus(14, ChronoUnit.DAYS)),
            new Event(Channel.parse("app").orElseThrow(), "search", Map.of("category", "broadband"), NOW),
            new Event(Channel.parse("web").orElseThrow(), "page-view", Map.of("category", "tv"), NOW.minus(28, ChronoUnit.DAYS)));

    @Test
    void addsUpRecencyFrequencyMonetaryAndTheRest() {
        TraitsView view = TraitsView.of(apply(history), NOW);

        assertThat(view.recency().daysSinceLastSeen()).isEqualTo(0);
        assertThat(view.frequency().interactions()).isEqualTo(12);
        assertThat(view.frequency().firstSeenAt()).isEqualTo(NOW.minus(40, ChronoUnit.DAYS));
        assertThat(TraitsView.of(apply(history), NOW.plus(14, ChronoUnit.DAYS)).intent())
                .as("read two weeks later").containsEntry("broadband", 0.75);
        assertThat(view.monetary().purchases()).isEqualTo(2);
        assertThat(view.monetary().value()).isEqualByComparingTo(new BigDecimal("70.00"));
        assertThat(view.channelMix()).containsEntry("web", 0.333).containsEntry("agent", 0.167)
                .containsEntry("ivr", 0.083);
        assertThat(view.intent()).as("halving every 14 days: 1 + 0.5 for broadband, 0.25 for tv")
                .containsEntry("broadband", 1.5).containsEntry("tv", 0.25);
        assertThat(view.repeatContacts7d().count()).as("the calls 3 and 1 days ago; the complaint is 9 days old")
                .isEqualTo(2);
        assertThat(view.complaints().count()).isEqualTo(1);
        assertThat(view.complaints().daysSinceLast()).isEqualTo(9);
        assertThat(view.paymentFailures().count()).isEqualTo(1);
        assertThat(view.nps().score()).as("the latest answer by when it was given").isEqualTo(3);
    }

    @Test
    void theOrderOfArrivalDoesNotMatter() {
        TraitsView inOrder = TraitsView.of(apply(history), NOW);
        List<Event> shuffled = new ArrayList<>(history);
        for (long seed = 1; seed <= 5; seed++) {
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(TraitsView.of(apply(shuffled), NOW)).as("seed %d", seed).isEqualTo(inOrder);
        }
    }

    @Test
    void ignoresUnreadableAmountsAndScores() {
        Traits traits = apply(List.of(
                new Event(Channel.parse("web").orElseThrow(), "purchase", Map.of("amount", "a lot"), NOW),
                new Event(Channel.parse("email").orElseThrow(), "survey", Map.of("nps", 11), NOW)));
        assertThat(traits.purchases).isEqualTo(1);
        assertThat(traits.purchaseValue).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(traits.npsScore).isNull();
    }

    @Test
    void scoresTheSentimentOfVerbatimsTheLatestByEventTime() {
        Channel email = Channel.parse("email").orElseThrow();
        Traits traits = apply(List.of(
                new Event(email, "survey", Map.of("nps", 2, "verbatim",
                        "Terrible service. I waited an hour and nobody helped me!"), NOW.minus(1, ChronoUnit.DAYS)),
                new Event(email, "survey", Map.of("nps", 10, "verbatim",
                        "The engineer was brilliant, friendly and fixed it fast. Thank you!"), NOW.minus(9, ChronoUnit.DAYS)),
                new Event(email, "survey", Map.of("verbatim", "   "), NOW)));

        assertThat(traits.verbatims).as("blank verbatims are not counted").isEqualTo(2);
        assertThat(traits.lastSentiment).as("the latest by event time, a negative one").isLessThan(-0.05);
        assertThat(traits.lastVerbatimAt).isEqualTo(NOW.minus(1, ChronoUnit.DAYS));
        TraitsView.Sentiment view = TraitsView.of(traits, NOW).sentiment();
        assertThat(view.average()).isBetween(-0.5, 0.5);
        assertThat(new VerbatimSentiment().compound("The engineer was brilliant, friendly and fixed it fast. Thank you!"))
                .isGreaterThan(0.5);
        assertThat(new VerbatimSentiment().compound("not bad at all")).as("negation").isPositive();
    }

    private Traits apply(List<Event> events) {
        Traits traits = new Traits();
        events.forEach(e -> updater.apply(traits, new InteractionRecorded(e.channel(), e.kind(), e.attributes()), e.at(), NOW));
        return traits;
    }
}
