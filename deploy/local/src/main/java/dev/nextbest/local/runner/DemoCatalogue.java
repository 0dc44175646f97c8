package dev.nextbest.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sample catalogue of a telco and bank (demo/catalogue.json): decision settings, engagement policies, 15
 * actions (retention offers, upgrades, service fixes, proactive care, cross-sell, partner rewards) and the two
 * shipped models, put in through nba-service's API as a marketer would. privacy-service assesses each action
 * when it is submitted: low-risk ones go live at once; those that wait for review are approved through
 * privacy-service's API as a privacy officer would (a rejected one stops the load: the sample is wrong).
 */
final class DemoCatalogue {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI nba;
    private final URI privacy;
    private final String marketer;
    private final String officer;
    private final Path models;
    private final PrintStream out;

    DemoCatalogue(int nbaPort, int privacyPort, String marketerToken, String officerToken, Path models, PrintStream out) {
        this.nba = URI.create("http://127.0.0.1:" + nbaPort);
        this.privacy = URI.create("http://127.0.0.1:" + privacyPort);
        this.marketer = marketerToken;
        this.officer = officerToken;
        this.models = models;
        this.out = out;
    }

    /** @return how many actions went live */
    int load() {
        JsonNode catalogue;
        try (InputStream in = DemoCatalogue.class.getResourceAsStream("/demo/catalogue.json")) {
            catalogue = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf("Sample catalogue: %d actions, %d policies, %d models ...%n", catalogue.get("actions").size(),
                catalogue.get("policies").size(), catalogue.get("models").size());
        send(nba, "PUT", "/nba/v1/catalog/settings", marketer, catalogue.get("settings").toString());
        for (JsonNode policy : catalogue.get("policies")) {
            send(nba, "PUT", "/nba/v1/catalog/policies/" + policy.get("level").asText() + "/" + policy.get("name").asText(),
                    marketer, policy.toString());
        }
        Map<String, String> submitted = new LinkedHashMap<>();
        for (JsonNode action : catalogue.get("actions")) {
            String id = send(nba, "POST", "/nba/v1/catalog/actions", marketer, action.toString()).get("id").asText();
            submitted.put(id, action.get("key").asText());
        }
        // Models before submitting: an action's assessment reads the features of the models that score its
        // group (and a model is checked against the attributes of its groups' actions, drafts included).
        for (JsonNode model : catalogue.get("models")) {
            upload(model.asText());
        }
        for (String id : submitted.keySet()) {
            send(nba, "POST", "/nba/v1/catalog/actions/" + id + "/submit", marketer, "{\"version\":1}");
        }
        int reviewed = reviewPending(submitted);
        out.printf("  %d actions live (%d approved automatically, %d after review); models %s serving%n", submitted.size(),
                submitted.size() - reviewed, reviewed, catalogue.get("models"));
        return submitted.size();
    }

    /**
     * Waits for every submitted action's assessment; approves those pending review as a privacy officer, and
     * waits until every action is live. @return how many needed review
     */
    private int reviewPending(Map<String, String> submitted) {
        Map<String, String> waiting = new LinkedHashMap<>(submitted);
        int reviewed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no assessment arrived for " + waiting.values() + " within 2 minutes");
            }
            for (JsonNode assessment : send(privacy, "GET", "/privacy/v1/assessments?limit=500", officer, null)) {
                String id = assessment.path("subject").path("id").asText();
                if (!waiting.containsKey(id)) {
                    continue;
                }
                switch (assessment.get("status").asText()) {
                    case "REJECTED" -> throw new IllegalStateException("the sample action " + waiting.get(id)
                            + " was rejected by its privacy assessment: " + assessment.get("findings"));
                    case "PENDING_REVIEW" -> {
                        send(privacy, "POST", "/privacy/v1/assessments/" + assessment.get("id").asText() + "/approve", officer,
                                "{\"note\":\"sample catalogue, reviewed by the local runtime\"}");
                        reviewed++;
                    }
                    default -> {
                    }
                }
                if (send(nba, "GET", "/nba/v1/catalog/actions/" + id, marketer, null).get("liveVersion").asInt() == 1) {
                    waiting.remove(id);
                }
            }
            pause();
        }
        return reviewed;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private void upload(String model) {
        String boundary = "nextbest-" + UUID.randomUUID();
        try {
            byte[] onnx = Files.readAllBytes(models.resolve(model + ".onnx"));
            byte[] descriptor = Files.readAllBytes(models.resolve(model + ".json"));
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            part(body, boundary, "model", model + ".onnx", "application/octet-stream", onnx);
            part(body, boundary, "descriptor", null, "application/json", descriptor);
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(nba.resolve("/nba/v1/models"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + marketer)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("uploading " + model + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static void part(java.io.ByteArrayOutputStream body, String boundary, String name, String file, String type,
                             byte[] content) throws IOException {
        String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (file == null ? "" : "; filename=\"" + file + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n";
        body.write(header.getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode send(URI service, String method, String path, String token, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
