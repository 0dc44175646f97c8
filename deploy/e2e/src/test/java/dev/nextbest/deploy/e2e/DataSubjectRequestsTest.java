package dev.nextbest.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nextbest.local.runner.EphemeralPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services together answer a customer's rights: an access request gathers one bundle from every
 * service, and an erasure leaves no trace of the customer in any store of any service, checked by scanning
 * every table, every Redis key and every compacted topic afterwards.
 */
class DataSubjectRequestsTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Kept when a test fails, with the services' logs in {@code logs/}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path home;

    private static EphemeralPlatform platform;
    private static StoreScan stores;
    private final Api api = new Api();
    private final String agent = platform.token("agent-desktop");
    private final String officer = platform.token("privacy-console");

    @BeforeAll
    static void startThePlatform() {
        platform = EphemeralPlatform.start(REPOSITORY, home, System.out);
        stores = new StoreScan(platform.servers(), platform.databases().values());
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anErasureLeavesNoTraceOfTheCustomerInAnyStoreOfAnyService() {
        String email = "erase.me." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = customerWithAHistory(email, "020 7946 0999");
        List<String> values = List.of(id, email);
        await("the customer in every service's database, Redis and both compacted topics", () -> {
            List<String> found = stores.find(values);
            return platform.databases().values().stream().allMatch(db -> found.stream().anyMatch(f -> f.startsWith("PostgreSQL " + db + ".")))
                    && found.stream().anyMatch(f -> f.startsWith("Redis "))
                    && found.stream().anyMatch(f -> f.startsWith("Kafka profile-updates "))
                    && found.stream().anyMatch(f -> f.startsWith("Kafka consent-changes "));
        });
        assertThat(stores.find(List.of(email))).as("raw identifiers are never stored, only their keyed pseudonyms").isEmpty();

        JsonNode request = api.post(uri("privacy-service"), "/privacy/v1/requests", officer,
                "{\"kind\":\"ERASURE\",\"customerId\":\"" + id + "\"}").body();
        JsonNode done = completed(request.get("id").asText());

        assertThat(done.get("customerId").isNull()).as("a completed erasure keeps only a digest of the id").isTrue();
        assertThat(done.get("services").findValuesAsText("status")).hasSize(4).containsOnly("CONFIRMED");
        assertThat(done.get("services").findValuesAsText("service"))
                .containsExactlyInAnyOrder("identity-service", "profile-service", "privacy-service", "nba-service");
        assertThat(stores.find(values)).as("every store of every service, after the erasure").isEmpty();
        assertThat(stores.tombstones(id)).containsExactlyInAnyOrder("profile-updates", "consent-changes");

        JsonNode again = api.post(uri("identity-service"), "/identity/v1/resolve", agent,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\",\"verified\":true}]}").body();
        assertThat(again.get("outcome").asText()).as("the same email is a new person").isEqualTo("CREATED");
        assertThat(again.get("customerId").asText()).isNotEqualTo(id);
    }

    @Test
    void anAccessRequestGathersOneBundleFromEveryService() {
        String id = customerWithAHistory("access.me." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "020 7946 0888");
        await("the customer's profile and consents in nba-service",
                () -> stores.find(List.of(id)).stream().anyMatch(f -> f.startsWith("PostgreSQL nba.")));

        JsonNode request = api.post(uri("privacy-service"), "/privacy/v1/requests", agent,
                "{\"kind\":\"ACCESS\",\"customerId\":\"" + id + "\"}").body();
        completed(request.get("id").asText());
        Api.Answer bundle = api.get(uri("privacy-service"), "/privacy/v1/requests/" + request.get("id").asText() + "/bundle", officer);

        assertThat(bundle.status()).isEqualTo(200);
        JsonNode services = bundle.body().get("services");
        assertThat(services.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("identity-service", "profile-service", "privacy-service", "nba-service");
        assertThat(services.get("identity-service").toString()).contains("\"email\"", "\"phone\"").doesNotContain("@example.com");
        assertThat(services.get("profile-service").toString()).contains("broadband", "complaint");
        assertThat(services.get("privacy-service").toString()).contains("marketing", "SERVICE_ONLY");
        assertThat(services.get("nba-service").get("decisions")).as("the decision made for the customer").hasSize(1);
        assertThat(services.get("nba-service").get("responses").findValuesAsText("type")).containsExactly("ACCEPT");
    }

    /**
     * A customer as the channels make one: resolved by identity-service, a profile from events (one of them
     * carrying a raw email, as a web channel sends), consents recorded by an agent, a decision and a response.
     */
    private String customerWithAHistory(String email, String phone) {
        JsonNode resolved = api.post(uri("identity-service"), "/identity/v1/resolve", agent, "{\"identifiers\":["
                + "{\"type\":\"email\",\"value\":\"" + email + "\",\"verified\":true},{\"type\":\"phone\",\"value\":\"" + phone + "\"}],"
                + "\"source\":\"/channels/web\"}").body();
        String id = resolved.get("customerId").asText();
        Instant now = Instant.now();
        Api.Answer events = api.post(uri("profile-service"), "/profile/v1/events", agent, "application/cloudevents-batch+json", "["
                + event(id, "crm", "attributes-changed.v1", now.minusSeconds(7200), "{\"attributes\":{\"tier\":\"gold\"}}") + ","
                + event(id, "crm", "holding-changed.v1", now.minusSeconds(7200),
                        "{\"product\":\"broadband\",\"status\":\"ACTIVE\",\"since\":\"2025-03-01\"}") + ","
                + event(id, "agent", "interaction.v1", now.minusSeconds(3600), "{\"channel\":\"agent\",\"kind\":\"complaint\"}") + ","
                + event(null, "web", "interaction.v1", now.minusSeconds(60), "{\"channel\":\"web\",\"kind\":\"page-view\","
                        + "\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\",\"verified\":true}]}") + "]");
        assertThat(events.body().get("accepted").asInt()).as(events.body().toString()).isEqualTo(4);
        Api.Answer consents = api.post(uri("privacy-service"), "/privacy/v1/customers/" + id + "/consents", agent, "{"
                + "\"decisions\":[{\"purpose\":\"marketing\",\"status\":\"GRANTED\"},{\"purpose\":\"profiling\",\"status\":\"GRANTED\"}],"
                + "\"contactPreferences\":[{\"channel\":\"email\",\"allow\":\"SERVICE_ONLY\"}],"
                + "\"channel\":\"agent\",\"jurisdiction\":\"GB\",\"method\":\"agent-verbal\"}");
        assertThat(consents.status()).as(consents.body().toString()).isEqualTo(200);
        // The first decisions after start-up may default while nba-service fetches its own token: ask again.
        Api.Answer[] decision = new Api.Answer[1];
        await("a personal decision", () -> {
            decision[0] = api.post(uri("nba-service"), "/nba/v1/decisions", agent, "{\"customer\":{\"identifier\":"
                    + "{\"type\":\"phone\",\"value\":\"" + phone + "\"}},\"channel\":\"agent\",\"placement\":\"next-best\",\"limit\":3,"
                    + "\"explain\":true}");
            assertThat(decision[0].status()).as(decision[0].body().toString()).isEqualTo(200);
            return !decision[0].body().path("defaulted").asBoolean();
        });
        assertThat(decision[0].body().path("customerId").asText()).as(decision[0].body().toString()).isEqualTo(id);
        String action = answered(decision[0].body());
        Api.Answer response = api.post(uri("nba-service"), "/nba/v1/responses", agent, "{\"responseId\":\"" + UUID.randomUUID()
                + "\",\"customerId\":\"" + id + "\",\"action\":\"" + action + "\",\"type\":\"ACCEPT\",\"channel\":\"agent\"}");
        assertThat(response.status()).as(response.body().toString()).isIn(200, 201, 202);
        return id;
    }

    /**
     * The action to respond to: the first returned; for a customer in this month's control group (5% of
     * customers in the sample catalogue, offered nothing) the best ranked, which the funnel names.
     */
    private static String answered(JsonNode decision) {
        if (decision.path("actions").size() > 0) {
            return decision.path("actions").get(0).path("actionKey").asText();
        }
        for (JsonNode candidate : decision.path("funnel")) {
            if (candidate.path("rank").asInt() == 1) {
                return candidate.path("actionKey").asText();
            }
        }
        throw new AssertionError("no action returned or ranked: " + decision);
    }

    private static String event(String subject, String source, String type, Instant time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/channels/" + source + "\","
                + "\"type\":\"dev.nextbest.customer." + type + "\"," + (subject == null ? "" : "\"subject\":\"" + subject + "\",")
                + "\"time\":\"" + time + "\",\"data\":" + data + "}";
    }

    /** The request once every service has confirmed it. */
    private JsonNode completed(String requestId) {
        JsonNode[] latest = new JsonNode[1];
        await(() -> "request " + requestId + " completed; it is " + latest[0], () -> {
            latest[0] = api.get(uri("privacy-service"), "/privacy/v1/requests/" + requestId, officer).body();
            return latest[0].path("status").asText().equals("COMPLETED");
        });
        return latest[0];
    }

    /** The warnings and errors each service logged, the last few of each. */
    private static String warnings() {
        StringBuilder warnings = new StringBuilder();
        platform.logs().forEach((service, log) -> {
            try (Stream<String> lines = Files.lines(log)) {
                List<String> problems = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
                warnings.append(System.lineSeparator()).append(service).append(" logged ").append(problems.size())
                        .append(" warnings and errors; the last:");
                problems.subList(Math.max(0, problems.size() - 8), problems.size())
                        .forEach(line -> warnings.append(System.lineSeparator()).append("  ").append(line));
            } catch (IOException | UncheckedIOException e) {
                warnings.append(System.lineSeparator()).append(service).append(": no log (").append(e.getMessage()).append(')');
            }
        });
        return warnings.toString();
    }

    private static URI uri(String service) {
        return platform.uri(service);
    }

    private static void await(String what, Supplier<Boolean> condition) {
        await(() -> what, condition);
    }

    /** Waits for the condition; if it never holds, fails saying what was awaited and what the services logged. */
    private static void await(Supplier<String> what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what.get() + warnings());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
