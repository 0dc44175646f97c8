package dev.nextbest.commons.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses the tokens of a revoked client although their signature and expiry are still good. */
@ApplicationScoped
public class RevokedClientCheck implements SecurityIdentityAugmentor {

    private final RevokedClients revokedClients;

    public RevokedClientCheck(RevokedClients revokedClients) {
        this.revokedClients = revokedClients;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("client_id") != null
                && revokedClients.isRevoked(token.getClaim("client_id").toString())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token's client is revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
