package dev.nextbest.privacy.security;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from their verified access token. */
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
}
