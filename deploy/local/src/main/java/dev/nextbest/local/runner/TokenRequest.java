package dev.nextbest.local.runner;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks the local identity-service's token endpoint for a client credentials token, as any OAuth client would. */
final class TokenRequest {

    record Answer(Optional<String> token, String error) {
    }

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"([^\"]*)\"");

    private TokenRequest() {
    }

    static Answer send(int port, String clientId, String secret, Optional<String> customerId) {
        String form = "grant_type=client_credentials"
                + customerId.map(id -> "&customer_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("");
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/identity/v1/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() == 200 && token.find()) {
                return new Answer(Optional.of(token.group(1)), "");
            }
            Matcher detail = DETAIL.matcher(response.body());
            return new Answer(Optional.empty(), "the token endpoint answered " + response.statusCode()
                    + (detail.find() ? ": " + detail.group(1) : ""));
        } catch (ConnectException e) {
            return new Answer(Optional.empty(), "identity-service does not answer on port " + port
                    + "; start the platform with: deploy/platform up");
        } catch (IOException e) {
            return new Answer(Optional.empty(), "the token request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Optional.empty(), "interrupted");
        }
    }
}
