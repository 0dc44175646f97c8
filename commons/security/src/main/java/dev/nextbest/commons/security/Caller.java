package dev.nextbest.commons.security;

import dev.nextbest.commons.web.Problems;
import jakarta.enterprise.context.RequestScoped;
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
        if (!mayActFor(customerId)) {
            throw Problems.forbidden("this token may only act for the customer it was issued for");
        }
    }

    /** Whether the token may act for the customer; see {@link #checkMayActFor(String)}. */
    public boolean mayActFor(String customerId) {
        Object scoped = token.getClaim("customer_id");
        if (scoped == null) {
            return !token.getGroups().contains(Roles.CHANNEL_APP);
        }
        return scoped.toString().equals(customerId);
    }
}
