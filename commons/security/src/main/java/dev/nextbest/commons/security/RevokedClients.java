package dev.nextbest.commons.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API clients revoked in identity-service, read from the api-client-revocations topic by every replica (each
 * with a consumer group of its own, from the start of the topic), so that their tokens are refused from the
 * next request on rather than when they expire. A revocation is remembered as long as a token can live:
 * after that every token of the client has expired, and a revoked client gets no new one.
 */
@ApplicationScoped
public class RevokedClients {

    public static final String TOPIC = "api-client-revocations";
    public static final String TYPE = "dev.nextbest.identity.client-revoked.v1";

    private static final Logger LOG = Logger.getLogger(RevokedClients.class);

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Duration remembered;
    private final Clock clock;

    public RevokedClients(ObjectMapper json,
                          @ConfigProperty(name = "smallrye.jwt.time-to-live") long maxTokenLifetimeSeconds,
                          @ConfigProperty(name = "mp.jwt.verify.clock.skew") int clockSkewSeconds, Clock clock) {
        this.clock = clock;
        this.json = json;
        this.remembered = Duration.ofSeconds(maxTokenLifetimeSeconds + clockSkewSeconds);
    }

    /** A revocation event (CloudEvents JSON); one that cannot be read goes to the dead-letter topic. */
    @Incoming("client-revocations")
    public void receive(String event) {
        JsonNode envelope;
        try {
            envelope = json.readTree(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("the revocation is not JSON");
        }
        if (envelope == null || !TYPE.equals(envelope.path("type").asText())) {
            throw new IllegalArgumentException("the revocation's type is not " + TYPE);
        }
        String clientId = envelope.path("data").path("clientId").asText("");
        if (!clientId.matches("[a-z0-9][a-z0-9-]{2,62}")) {
            throw new IllegalArgumentException("the revocation names no valid clientId");
        }
        try {
            revoke(clientId, Instant.parse(envelope.path("data").path("revokedAt").asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the revocation's revokedAt is not an ISO-8601 instant");
        }
    }

    public void revoke(String clientId, Instant revokedAt) {
        if (revoked.putIfAbsent(clientId, revokedAt) == null) {
            LOG.infof("API client %s is revoked; its tokens are refused from now on", clientId);
        }
    }

    public boolean isRevoked(String clientId) {
        Instant revokedAt = revoked.get(clientId);
        if (revokedAt == null) {
            return false;
        }
        if (revokedAt.plus(remembered).isBefore(clock.instant())) {
            revoked.remove(clientId, revokedAt);
            return false;
        }
        return true;
    }
}
