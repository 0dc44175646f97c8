package dev.nextbest.identity.tokens;

import dev.nextbest.commons.security.Roles;
import dev.nextbest.identity.clients.ApiClient;
import dev.nextbest.identity.clients.ApiClients;
import dev.nextbest.identity.customers.CustomerIds;
import dev.nextbest.identity.customers.CustomerRegistry;
import dev.nextbest.identity.ratelimit.RateLimiter;
import dev.nextbest.identity.ratelimit.RateLimits;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OAuth 2.0 token endpoint, client credentials grant (RFC 6749, section 4.4). A client authenticates with
 * HTTP Basic (client_secret_basic) or with client_id and client_secret in the form (client_secret_post).
 * "scope" may narrow the token to some of the client's roles; "customer_id" scopes the token to one
 * customer, and a channel-app client must name one.
 */
@Path(KeysResource.TOKEN_PATH)
@PermitAll
@Tag(name = "Tokens", description = "OAuth 2.0 client credentials, JWKS and discovery")
public class TokenResource {

    private final ApiClients clients;
    private final CustomerRegistry customers;
    private final TokenIssuer issuer;
    private final RateLimiter rateLimiter;
    private final RateLimits limits;

    public TokenResource(ApiClients clients, CustomerRegistry customers, TokenIssuer issuer,
                         RateLimiter rateLimiter, RateLimits limits) {
        this.clients = clients;
        this.customers = customers;
        this.issuer = issuer;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an access token (JWT, PS256) to an API client")
    @APIResponse(responseCode = "200", description = "The token, how long it lives, and its roles as scope")
    @APIResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type or invalid_scope",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "invalid_client: unknown, wrong secret or revoked",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "Too many token requests; see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> token(@RestForm("grant_type") String grantType,
                               @RestForm("client_id") String formClientId,
                               @RestForm("client_secret") String formClientSecret,
                               @RestForm("scope") String scope,
                               @RestForm("customer_id") String customerId,
                               @RestHeader("Authorization") String authorization) {
        if (!"client_credentials".equals(grantType)) {
            throw OAuthErrors.unsupportedGrantType();
        }
        String[] credentials = credentials(authorization, formClientId, formClientSecret);
        String clientId = credentials[0];
        String secret = credentials[1];
        if (customerId != null && !customerId.matches(CustomerIds.PATTERN)) {
            throw OAuthErrors.invalidRequest("customer_id " + CustomerIds.MESSAGE);
        }
        Uni<Void> counted = rateLimiter.count("token", "all", limits.token());
        if (ApiClients.isClientId(clientId)) {
            counted = counted.chain(() -> rateLimiter.count("token", clientId, limits.tokenPerClient()));
        }
        return counted
                .chain(() -> clients.authenticate(clientId, secret))
                .map(client -> client.orElseThrow(OAuthErrors::invalidClient))
                .chain(client -> customerScope(client, customerId).map(customer -> {
                    Set<String> roles = grantedRoles(client, scope);
                    String token = issuer.issue(client.id, roles, customer);
                    return Response.ok(new TokenResponse(token, "Bearer", issuer.lifetime().toSeconds(),
                                    String.join(" ", roles)))
                            .header("Cache-Control", "no-store")
                            .header("Pragma", "no-cache")
                            .build();
                }));
    }

    /** Basic or form credentials, not both (RFC 6749, section 2.3). */
    private static String[] credentials(String authorization, String formClientId, String formClientSecret) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic && (formClientId != null || formClientSecret != null)) {
            throw OAuthErrors.invalidRequest("authenticate either with HTTP Basic or with form parameters, not both");
        }
        if (!basic) {
            if (formClientId == null || formClientSecret == null) {
                throw OAuthErrors.invalidClient();
            }
            return new String[] {formClientId, formClientSecret};
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthErrors.invalidClient();
            }
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw OAuthErrors.invalidClient();
        }
    }

    /** All the client's roles, or those the scope names; naming a role the client lacks is an error. */
    private static Set<String> grantedRoles(ApiClient client, String scope) {
        Set<String> held = client.roleSet();
        if (scope == null || scope.isBlank()) {
            return held;
        }
        Set<String> requested = new TreeSet<>(Arrays.asList(scope.strip().split(" +")));
        Set<String> notHeld = new TreeSet<>(requested);
        notHeld.removeAll(held);
        if (!notHeld.isEmpty()) {
            throw OAuthErrors.invalidScope("the client does not hold " + notHeld + "; it holds " + held);
        }
        return requested;
    }

    /** The customer the token acts for: required of a channel app, optional narrowing for anyone else. */
    private Uni<Optional<String>> customerScope(ApiClient client, String customerId) {
        if (customerId == null) {
            if (client.roleSet().contains(Roles.CHANNEL_APP)) {
                throw OAuthErrors.invalidRequest("a channel-app client must name the customer_id it acts for");
            }
            return Uni.createFrom().item(Optional.empty());
        }
        return customers.find(customerId).map(found -> {
            if (found.isEmpty()) {
                throw OAuthErrors.invalidRequest("customer_id names no customer");
            }
            return Optional.of(customerId);
        });
    }
}
