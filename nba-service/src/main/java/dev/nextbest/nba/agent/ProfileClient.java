package dev.nextbest.nba.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** profile-service's 360 view, called with this service's own token (client credentials, the service role). */
@RegisterRestClient(configKey = "profile")
@OidcClientFilter
@Path("/profile/v1/customers")
public interface ProfileClient {

    @GET
    @Path("{customerId}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> profile(@PathParam("customerId") String customerId);
}
