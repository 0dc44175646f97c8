package dev.nextbest.identity.tokens;

import dev.nextbest.commons.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What verifiers need, in the standard places: the public signing keys (JWKS) and the discovery document
 * (OpenID Connect Discovery, also served as RFC 8414 authorization server metadata). A service verifying
 * tokens needs nothing else from this one, which is what lets a deployment use another provider instead.
 */
@Path("/")
@PermitAll
@Tag(name = "Tokens")
public class KeysResource {

    static final String JWKS_PATH = "/identity/v1/oauth2/jwks";
    static final String TOKEN_PATH = "/identity/v1/oauth2/token";

    private final SigningKeys keys;
    private final TokenIssuer issuer;

    public KeysResource(SigningKeys keys, TokenIssuer issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    @GET
    @Path(JWKS_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify access tokens: the active key and the passive ones")
    public Response jwks() {
        // Verifiers cache the set; five minutes bounds how long a newly added key can go unseen.
        return Response.ok(keys.publicJwks()).header("Cache-Control", "public, max-age=300").build();
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Connect discovery document")
    public Map<String, Object> openIdConfiguration() {
        return metadata();
    }

    @GET
    @Path(".well-known/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth 2.0 authorization server metadata (RFC 8414)")
    public Map<String, Object> authorizationServerMetadata() {
        return metadata();
    }

    private Map<String, Object> metadata() {
        String base = issuer.issuer().replaceAll("/+$", "");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer.issuer());
        metadata.put("token_endpoint", base + TOKEN_PATH);
        metadata.put("jwks_uri", base + JWKS_PATH);
        metadata.put("grant_types_supported", List.of("client_credentials"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        metadata.put("scopes_supported", new TreeSet<>(Roles.ALL));
        metadata.put("response_types_supported", List.of("token"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of(SigningKeys.ALGORITHM));
        metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of(SigningKeys.ALGORITHM));
        return metadata;
    }
}
