package dev.nextbest.identity.security;

import dev.nextbest.identity.clients.ApiClientRepository;
import dev.nextbest.identity.clients.ClientRevocations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses the tokens of a revoked client, although their signatures and expiry are still good: a revocation
 * takes effect on the next request, not when the tokens expire. Reads the revocation marks in Redis, and
 * the client registry when Redis is unavailable.
 */
@ApplicationScoped
public class RevokedClientCheck implements SecurityIdentityAugmentor {

    private final ClientRevocations revocations;
    private final ApiClientRepository clients;

    public RevokedClientCheck(ClientRevocations revocations, ApiClientRepository clients) {
        this.revocations = revocations;
        this.clients = clients;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || token.getClaim("client_id") == null) {
            return Uni.createFrom().item(identity);
        }
        String clientId = token.getClaim("client_id").toString();
        return revocations.isMarked(clientId)
                .onFailure().recoverWithUni(() -> Panache.withSession(() -> clients.findById(clientId))
                        .map(client -> client != null && client.revoked()))
                .map(revoked -> {
                    if (revoked) {
                        throw new AuthenticationFailedException("the token's client is revoked");
                    }
                    return identity;
                });
    }
}
