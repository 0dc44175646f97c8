package dev.nextbest.nba.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.nba.RealServers;
import dev.nextbest.nba.catalog.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.nextbest.nba.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Model uploads against the real ONNX Runtime: the shipped models serve their groups and score all of a
 * request's candidates in one batch; bad uploads are refused with the reason and change nothing; a new
 * version replaces the serving one while decisions run, none failing.
 */
@QuarkusTest
class ModelRegistryTest extends RealServers {

    private static final String MODELS = "/nba/v1/models";
    private static final String[] OFFERS = {"Bar", "Carry out & Take away", "Coffee House", "Restaurant(20-50)", "Restaurant(<20)"};

    @BeforeEach
    void deterministicSettings() {
        apply(settings());
    }

    @Test
    void theMultiActionModelScoresEveryOfferInOneBatch() throws Exception {
        String placement = newPlacement();
        List<String> keys = new ArrayList<>();
        for (String offer : OFFERS) {
            String key = key("reward");
            Map<String, Object> definition = definition("Reward: " + offer, placement);
            definition.put("group", "partner-rewards");
            definition.put("attributes", Map.of("offerType", offer, "expiration", "1d"));
            live(key, definition);
            keys.add(key);
        }
        JsonPath uploaded = upload(TestModels.bytes("offer-acceptance"), TestModels.descriptor("offer-acceptance"))
                .statusCode(201).extract().jsonPath();
        assertThat(uploaded.getBoolean("serving")).isTrue();
        assertThat(uploaded.getString("checksum")).hasSize(64);
        int version = uploaded.getInt("version");
        ConsumerRecord<String, byte[]> announced = TestKafka.await(Catalog.CHANGES_TOPIC, record -> "offer-acceptance".equals(record.key())
                && new String(record.value(), StandardCharsets.UTF_8).contains("\"version\":" + version + ","), Duration.ofSeconds(30));
        assertThat(announced).as("model-registered on catalog-changes, for its privacy assessment").isNotNull();
        JsonNode event = JSON.readTree(announced.value());
        assertThat(event.get("type").asText()).isEqualTo(ModelRegistry.MODEL_REGISTERED);
        assertThat(event.get("data").get("groups").get(0).asText()).isEqualTo("partner-rewards");
        assertThat(event.get("data").get("features").findValuesAsText("source")).contains("profile.attributes.gender", "context.weather");
        String customer = newCustomer();
        snapshot(customer, Map.of("attributes", Map.of("ageGroup", "26", "gender", "Female", "coffeeHouseVisits", "4~8",
                "barVisits", "never", "incomeBand", "$37500 - $49999")));
        consenting(customer);
        Map<String, Object> situation = Map.of("weather", "Sunny", "temperature", 80,
                "destination", "No Urgent Place", "passenger", "Friend(s)", "timeOfDay", "2PM");

        JsonPath decision = decision(customer, placement, situation, true);
        String model = "offer-acceptance@" + uploaded.getInt("version");
        assertThat(decision.getList("models", String.class)).containsExactly(model);
        assertThat(decision.getList("actions.model", String.class)).containsOnly(model);
        List<Float> propensities = decision.getList("actions.modelPropensity", Float.class);
        assertThat(propensities).hasSize(5).allSatisfy(p -> assertThat(p).isBetween(0f, 1f));
        assertThat(propensities.stream().distinct().count()).as("the offer type is an input").isGreaterThan(1);
        assertThat(decision.getString("actions.find { it.name == 'Reward: Coffee House' }.reason"))
                .contains("(model " + model + ")");

        // Without consent to profiling the model sees only the situation and the offer, and the decision says so.
        consents(customer, Map.of("marketing", "GRANTED", "profiling", "WITHDRAWN"), Map.of());
        JsonPath withheld = decision(customer, placement, situation, true);
        assertThat(withheld.getList("actions.model", String.class)).containsOnly(model);
        assertThat(withheld.getList("actions.reasonCodes.flatten()", String.class)).contains("NOT_PERSONALISED");
        assertThat(withheld.getString("actions.find { it.name == 'Reward: Coffee House' }.reason"))
                .endsWith("Not personalised: the customer has not allowed profiling, so the model saw only the situation and the offer.");
        assertThat(withheld.getFloat("actions.find { it.name == 'Reward: Coffee House' }.modelPropensity"))
                .as("the profile no longer reaches the model")
                .isNotEqualTo(decision.getFloat("actions.find { it.name == 'Reward: Coffee House' }.modelPropensity"));
    }

    @Test
    void refusesABadModelWithTheReasonAndKeepsServingTheOldOne() throws Exception {
        String placement = newPlacement();
        String offer = key("term-deposit");
        Map<String, Object> definition = definition("Term deposit", placement);
        definition.put("group", "savings");
        live(offer, definition);
        int version = upload(TestModels.bytes("term-deposit"), TestModels.descriptor("term-deposit")).statusCode(201)
                .extract().path("version");
        String descriptor = TestModels.descriptor("term-deposit");

        upload("not a model at all".getBytes(), descriptor).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the bytes are not a model ONNX Runtime can load"));
        ObjectNode shorter = (ObjectNode) JSON.readTree(descriptor);
        ((ArrayNode) shorter.get("features")).remove(0);
        upload(TestModels.bytes("term-deposit"), shorter.toString()).statusCode(400)
                .body("detail", containsString("takes 61 columns; the feature specification encodes 60"));
        ObjectNode unknown = (ObjectNode) JSON.readTree(descriptor);
        ((ObjectNode) unknown.get("features").get(0)).put("source", "profile.traits.shoeSize");
        upload(TestModels.bytes("term-deposit"), unknown.toString()).statusCode(400)
                .body("detail", containsString("feature 'age' (profile.traits.shoeSize): profile.traits has no trait 'shoeSize'"));
        ObjectNode missingAttribute = (ObjectNode) JSON.readTree(descriptor);
        ((ObjectNode) missingAttribute.get("features").get(0)).put("source", "action.attributes.colour");
        upload(TestModels.bytes("term-deposit"), missingAttribute.toString()).statusCode(400)
                .body("detail", containsString("no action in the model's groups has the attribute 'colour'"));
        upload(TestModels.nanModel(61), descriptor).statusCode(400)
                .body("detail", containsString("gave NaN for probe row 0"));
        upload(TestModels.bytes("term-deposit"), "{\"name\":\"Bad Name\",\"groups\":[],\"features\":[]}").statusCode(400)
                .body("detail", containsString("the descriptor is invalid"));
        given().auth().oauth2(marketer()).multiPart("descriptor", descriptor).post(MODELS).then().statusCode(400)
                .body("detail", equalTo("send two parts: 'model' (the ONNX file) and 'descriptor' (JSON)"));

        String customer = newCustomer();
        snapshot(customer, Map.of("attributes", Map.of("age", 41, "job", "admin.")));
        JsonPath decision = decision(customer, placement, Map.of(), false);
        assertThat(decision.getString("actions[0].model")).isEqualTo("term-deposit@" + version);
        given().auth().oauth2(marketer()).get(MODELS).then().statusCode(200)
                .body("findAll { it.name == 'term-deposit' }.version.max()", equalTo(version));
    }

    @Test
    void aNewVersionReplacesTheServingOneWithoutFailingADecision() throws Exception {
        String placement = newPlacement();
        Map<String, Object> definition = definition("Term deposit", placement);
        definition.put("group", "savings");
        live(key("term-deposit"), definition);
        int before = upload(TestModels.bytes("term-deposit"), TestModels.descriptor("term-deposit")).statusCode(201)
                .extract().path("version");
        String customer = newCustomer();
        snapshot(customer, Map.of("attributes", Map.of("age", 30)));
        String token = agent();
        String body = json(Map.of("customer", Map.of("id", customer), "channel", "agent", "placement", placement));

        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Map<Integer, Integer>>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(pool.submit(() -> {
                Map<Integer, Integer> statuses = new HashMap<>();
                while (running.get()) {
                    int status = given().auth().oauth2(token).contentType("application/json").body(body)
                            .post("/nba/v1/decisions").statusCode();
                    statuses.merge(status, 1, Integer::sum);
                }
                return statuses;
            }));
        }
        Thread.sleep(500);
        int after = upload(TestModels.bytes("term-deposit"), TestModels.descriptor("term-deposit")).statusCode(201)
                .extract().path("version");
        Thread.sleep(500);
        running.set(false);
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<Map<Integer, Integer>> worker : workers) {
            worker.get(30, TimeUnit.SECONDS).forEach((status, count) -> statuses.merge(status, count, Integer::sum));
        }
        pool.shutdown();
        assertThat(after).isEqualTo(before + 1);
        assertThat(statuses).as("every decision during the swap").containsOnlyKeys(200);
        assertThat(statuses.get(200)).isGreaterThan(10);
        assertThat(decision(customer, placement, Map.of(), false).getString("actions[0].model"))
                .isEqualTo("term-deposit@" + after);
    }

    private static ValidatableResponse upload(byte[] model, String descriptor) {
        return given().auth().oauth2(marketer())
                .multiPart("model", "model.onnx", model, "application/octet-stream")
                .multiPart("descriptor", descriptor, "application/json")
                .post(MODELS).then();
    }
}
