package dev.nextbest.local.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo histories hold the awkward cases they promise, as valid customer events. */
class DemoPopulationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private final DemoPopulation demo = new DemoPopulation(1, 2, 3, "token", new PrintStream(new ByteArrayOutputStream()));

    @Test
    void aProspectHoldsNothingAndBuysNothing() {
        List<ObjectNode> events = demo.history(person(true, false, false, false, false), new Random(1), NOW);
        assertThat(types(events)).doesNotContain("dev.nextbest.customer.holding-changed.v1");
        assertThat(kinds(events)).doesNotContain("purchase", "payment");
    }

    @Test
    void theAwkwardCasesAreThere() {
        Random random = new Random(2);
        assertThat(kinds(demo.history(person(false, true, false, false, false), random, NOW)).stream()
                .filter("complaint"::equals).count()).as("a repeat complainer").isGreaterThanOrEqualTo(3);
        assertThat(demo.history(person(false, false, true, false, false), random, NOW)).as("a payer who failed")
                .anySatisfy(event -> assertThat(event.at("/data/kind").asText()).isEqualTo("payment-failed"));
        assertThat(demo.history(person(false, false, false, true, false), random, NOW)).as("an owner of the promoted product")
                .anySatisfy(event -> assertThat(event.at("/data/product").asText()).isEqualTo(DemoPopulation.PROMOTED));
    }

    @Test
    void everyEventIsACustomerEventAboutThePersonInThePast() {
        List<ObjectNode> events = demo.history(person(false, true, true, true, false), new Random(3), NOW);
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("subject").asText()).isEqualTo("cus_0123456789abcdef0123456789abcdef");
            assertThat(event.get("type").asText()).startsWith("dev.nextbest.customer.").endsWith(".v1");
            assertThat(Instant.parse(event.get("time").asText())).isBeforeOrEqualTo(NOW);
        });
    }

    private static DemoPopulation.Person person(boolean prospect, boolean complainer, boolean failsToPay,
                                                boolean ownsPromoted, boolean optedOut) {
        return new DemoPopulation.Person("cus_0123456789abcdef0123456789abcdef", prospect, complainer, failsToPay,
                ownsPromoted, optedOut, false, false, 30);
    }

    private static List<String> types(List<ObjectNode> events) {
        return events.stream().map(event -> event.get("type").asText()).toList();
    }

    private static List<String> kinds(List<ObjectNode> events) {
        return events.stream().map(event -> event.at("/data/kind").asText()).toList();
    }
}
