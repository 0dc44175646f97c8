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
import java.util.UUID;

/**
 * The sample catalogue of a telco and bank (demo/catalogue.json): decision settings, engagement policies, 15
 * actions (retention offers, upgrades, service fixes, proactive care, cross-sell, partner rewards) and the two
 * shipped models, put in through nba-service's API as a marketer would, each action approved by a privacy
 * officer (the interim approval until privacy-service assesses changes itself).
 */
final class DemoCatalogue {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI nba;
    private final String marketer;
    private final String officer;
    private final Path models;
    private final PrintStream out;

    DemoCatalogue(int nbaPort, String marketerToken, String officerToken, Path models, PrintStream out) {
        this.nba = URI.create("http://127.0.0.1:" + nbaPort);
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
        send("PUT", "/nba/v1/catalog/settings", marketer, "application/json", catalogue.get("settings").toString());
        for (JsonNode policy : catalogue.get("policies")) {
            send("PUT", "/nba/v1/catalog/policies/" + policy.get("level").asText() + "/" + policy.get("name").asText(),
                    marketer, "application/json", policy.toString());
        }
        int live = 0;
        for (JsonNode action : catalogue.get("actions")) {
            String id = send("POST", "/nba/v1/catalog/actions", marketer, "application/json", action.toString()).get("id").asText();
            send("POST", "/nba/v1/catalog/actions/" + id + "/submit", marketer, "application/json", "{\"version\":1}");
            send("POST", "/nba/v1/catalog/actions/" + id + "/approve", officer, "application/json",
                    "{\"version\":1,\"note\":\"sample catalogue, approved by the local runtime\"}");
            live++;
        }
        for (JsonNode model : catalogue.get("models")) {
            upload(model.asText());
        }
        out.printf("  %d actions live; models %s serving%n", live, catalogue.get("models"));
        return live;
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

    private JsonNode send(String method, String path, String token, String contentType, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(nba.resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
