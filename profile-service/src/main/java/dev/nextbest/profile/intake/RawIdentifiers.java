package dev.nextbest.profile.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.profile.identity.IdentityClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event sent to the ingestion API may name its customer by raw identifiers instead of a pseudonymous id
 * (a channel that only knows a cookie, an email, a phone): no {@code subject}, and
 * {@code "identifiers": [{"type": "cookie_id", "value": "...", "verified": false}, ...]} in its data.
 * identity-service resolves them to the customer id (creating the customer if nobody had them, linking them,
 * merging when a verified strong identifier proves two are one), the event gets that id as its subject, and
 * the identifiers are taken out: they never reach Kafka, the database or a log. So anonymous browsing that
 * later logs in lands on one profile: identity-service merges, and profiles follow its merge events.
 */
@ApplicationScoped
public class RawIdentifiers {

    private static final Logger LOG = Logger.getLogger(RawIdentifiers.class);
    static final int MAX_IDENTIFIERS = 20;

    private final IdentityClient identity;
    private final ObjectMapper json;

    public RawIdentifiers(@RestClient IdentityClient identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    /** Whether the event names its customer by raw identifiers. */
    public boolean carries(JsonNode event) {
        return event.isObject() && !event.hasNonNull("subject") && event.path("data").has("identifiers");
    }

    /**
     * The event with the customer id as subject and without the identifiers.
     *
     * @throws PoisonEventException (as the Uni's failure) saying what is wrong, never quoting a value
     */
    public Uni<ObjectNode> resolve(ObjectNode event) {
        String id = event.path("id").asText("(no id)");
        JsonNode given = event.path("data").path("identifiers");
        if (!given.isArray() || given.isEmpty() || given.size() > MAX_IDENTIFIERS) {
            return Uni.createFrom().failure(new PoisonEventException("event " + id
                    + ": data.identifiers must be an array of 1 to " + MAX_IDENTIFIERS + " identifiers"));
        }
        List<IdentityClient.Identifier> identifiers = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode identifier = given.get(i);
            if (!identifier.path("type").isTextual() || !identifier.path("value").isTextual()) {
                return Uni.createFrom().failure(new PoisonEventException("event " + id + ": data.identifiers[" + i
                        + "] needs a type and a value, both strings"));
            }
            identifiers.add(new IdentityClient.Identifier(identifier.get("type").asText(), identifier.get("value").asText(),
                    identifier.path("verified").asBoolean(false)));
        }
        return identity.resolve(new IdentityClient.Request(identifiers))
                .onFailure().transform(failure -> refusal(id, failure))
                .map(resolution -> {
                    ObjectNode resolved = event.deepCopy();
                    ((ObjectNode) resolved.get("data")).remove("identifiers");
                    resolved.put("subject", resolution.customerId());
                    return resolved;
                });
    }

    private String problem(WebApplicationException web) {
        try {
            JsonNode problem = json.readTree(web.getResponse().readEntity(String.class));
            if (problem.path("violations").isArray() && !problem.path("violations").isEmpty()) {
                JsonNode first = problem.path("violations").get(0);
                return first.path("field").asText() + " " + first.path("message").asText();
            }
            return problem.path("detail").asText("no detail");
        } catch (RuntimeException | IOException e) {
            return "no detail";
        }
    }

    private RuntimeException refusal(String id, Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() / 100 == 4
                && web.getResponse().getStatus() != 401 && web.getResponse().getStatus() != 403
                && web.getResponse().getStatus() != 429) {
            // identity-service's problem details name the identifier by index, never by value.
            return new PoisonEventException("event " + id + ": identity-service refused its identifiers ("
                    + web.getResponse().getStatus() + "): " + problem(web));
        }
        LOG.warnf("ingestion: identity-service could not resolve an event's identifiers: %s", failure.toString());
        return new PoisonEventException("event " + id
                + ": identity-service could not resolve its identifiers now; send this event again");
    }
}
