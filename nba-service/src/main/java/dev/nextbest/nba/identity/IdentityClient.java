package dev.nextbest.nba.identity;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * identity-service's resolution API, called with this service's own access token (client credentials, the
 * {@code service} role), fetched and renewed by the OIDC client.
 */
@RegisterRestClient(configKey = "identity")
@OidcClientFilter
@Path("/identity/v1/resolve")
public interface IdentityClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Resolution> resolve(Request request);

    /** @param kind the kind of customer created when nothing is known of the identifier */
    record Request(List<Identifier> identifiers, String source, String kind) {
    }

    record Identifier(String type, String value, boolean verified) {
    }

    /** Only what a decision needs; the rest of the answer is ignored. */
    record Resolution(String customerId) {
    }
}
