package dev.nextbest.profile.behaviour;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import dev.nextbest.profile.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nextbest.profile.interactions.CustomerEvents.TOPIC;
import static dev.nextbest.profile.interactions.CustomerEvents.interaction;
import static dev.nextbest.profile.interactions.CustomerEvents.newCustomerId;
import static dev.nextbest.profile.interactions.CustomerEvents.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Learning behavioural segments over real profiles, on request, and the drift between two runs. */
@QuarkusTest
class BehaviouralSegmentsTest extends RealServers {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUNS = "/profile/v1/behavioural-segments/runs";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void learnsSegmentsPutsEachCustomerInOneAndReportsDriftOnTheNextRun() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> buyers = new ArrayList<>();
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String buyer = newCustomerId();
            buyers.add(buyer);
            for (int e = 0; e < 4; e++) {
                TestKafka.send(TOPIC, buyer, structured(interaction(buyer, now.minusDays(e),
                        "{\"channel\":\"web\",\"kind\":\"purchase\",\"attributes\":{\"amount\":250}}")));
            }
            String caller = newCustomerId();
            callers.add(caller);
            for (int e = 0; e < 3; e++) {
                TestKafka.send(TOPIC, caller, structured(interaction(caller, now.minusDays(40 + e),
                        "{\"channel\":\"agent\",\"kind\":\"complaint\"}")));
            }
        }
        String lastCaller = callers.get(callers.size() - 1);
        await().atMost(PATIENCE).untilAsserted(() -> profile(lastCaller).statusCode(200)
                .body("traits.complaints.count", equalTo(3)));

        given().auth().oauth2(TestTokens.token("agent-desktop", "agent")).post(RUNS).then().statusCode(403);
        ExtractableResponse<Response> first = runToCompletion();
        assertThat(first.<Integer>path("profiles")).isGreaterThanOrEqualTo(30);
        Map<String, Map<String, Object>> clusters = first.path("clusters");
        assertThat(clusters).hasSize(2);
        assertThat(clusters.values()).allSatisfy(cluster -> assertThat((List<?>) cluster.get("distinctions")).isNotEmpty());
        assertThat(clusters.values().stream().mapToInt(cluster -> (Integer) cluster.get("size")).sum())
                .isEqualTo(first.<Integer>path("profiles"));

        String buyersSegment = profile(buyers.get(0)).extract().path("behaviouralSegment");
        String callersSegment = profile(lastCaller).extract().path("behaviouralSegment");
        assertThat(buyersSegment).isNotNull().isNotEqualTo(callersSegment);
        buyers.forEach(buyer -> profile(buyer).body("behaviouralSegment", equalTo(buyersSegment)));

        ExtractableResponse<Response> second = runToCompletion();
        assertThat(second.<String>path("drift.since")).isEqualTo(first.<String>path("id"));
        assertThat(second.<Integer>path("drift.compared")).isGreaterThanOrEqualTo(30);
        given().auth().oauth2(marketer()).get(RUNS + "/latest").then().statusCode(200)
                .body("id", equalTo(second.<String>path("id")));
    }

    @Test
    void oneRunAtATimeAcrossReplicasUnlessTheOtherIsStale() throws Exception {
        UUID elsewhere = UUID.randomUUID();
        // A run another replica started a minute ago and is still working on.
        sql("insert into behaviour_run (id, trigger, status, started_at) values (?, 'schedule', 'RUNNING', now() - interval '1 minute')",
                elsewhere);
        try {
            given().auth().oauth2(marketer()).post(RUNS).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("a run is in progress"));

            // That replica died hours ago, mid-run: its run no longer holds others back.
            sql("update behaviour_run set started_at = now() - interval '7 hours' where id = ?", elsewhere);
            awaitEnd(given().auth().oauth2(marketer()).post(RUNS).then().statusCode(202).extract().header("Location"));
        } finally {
            sql("delete from behaviour_run where id = ?", elsewhere);
        }
    }

    private void sql(String statement, UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    private static ExtractableResponse<Response> runToCompletion() {
        String location = given().auth().oauth2(marketer()).post(RUNS).then().statusCode(202)
                .body("status", equalTo("RUNNING")).extract().header("Location");
        awaitEnd(location);
        return given().auth().oauth2(marketer()).get(location).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).extract();
    }

    private static void awaitEnd(String run) {
        await().atMost(PATIENCE).until(() -> !"RUNNING".equals(given().auth().oauth2(marketer()).get(run)
                .then().extract().path("status")));
    }

    private static io.restassured.response.ValidatableResponse profile(String customer) {
        return given().auth().oauth2(TestTokens.token("agent-desktop", "agent"))
                .get("/profile/v1/customers/{id}", customer).then();
    }

    private static String marketer() {
        return TestTokens.token("marketer-console", "marketer");
    }
}
