package dev.nextbest.privacy.security;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from their verified access token, and the object-level check on customers. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The calling client: "client_id" (RFC 9068), "azp" (as Keycloak writes it), or the subject. */
    public String clientId() {
        for (String claim : new String[] {"client_id", "azp", "sub"}) {
            Object value = token.getClaim(claim);
            if (value != null) {
                return value.toString();
            }
        }
        return "unknown";
    }

    /**
     * Refuses a token scoped to another customer (claim "customer_id"), and a channel app's token that is
     * scoped to none: a channel app only ever acts for the customer it was given a token for.
     */
    public void checkMayActFor(String customerId) {
        Object scoped = token.getClaim("customer_id");
        boolean allowed = scoped == null ? !token.getGroups().contains(Roles.CHANNEL_APP) : scoped.toString().equals(customerId);
        if (!allowed) {
            throw HttpProblem.builder().withStatus(Response.Status.FORBIDDEN).withTitle("Forbidden")
                    .withDetail("this token may only act for the customer it was issued for").build();
        }
    }
}
