package dev.nextbest.nba.decision;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.nba.identity.IdentityClient;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The customer a decision is for: the id given, or the one identity-service resolves a raw identifier to
 * (e.g. the caller's phone number on the agent desktop). Resolutions are cached for a short while, keyed
 * by a SHA-256 of the identifier (the value itself is never kept), so a caller's repeated decisions during
 * one call cost one identity round trip. A resolution runs to its end even when the decision that asked
 * gave up waiting (its service level), so that the next decision finds it; concurrent decisions for one
 * identifier share it. A failed one is not cached.
 */
@ApplicationScoped
public class CustomerResolver {

    private final IdentityClient identity;
    private final AsyncCache<String, String> resolved;
    private final Duration timeout;

    public CustomerResolver(@RestClient IdentityClient identity, DecisionConfig config) {
        this.identity = identity;
        this.resolved = Caffeine.newBuilder().expireAfterWrite(config.identityCacheTtl()).maximumSize(100_000).buildAsync();
        this.timeout = config.identityTimeout();
    }

    public Uni<String> customerId(DecisionRequest.CustomerRef customer) {
        if (customer.id() != null) {
            return Uni.createFrom().item(customer.id());
        }
        DecisionRequest.RawIdentifier raw = customer.identifier();
        String key = digest(raw.type(), raw.value());
        // A stage of its own: a decision that stops waiting cancels it, not the shared resolution.
        return Uni.createFrom().completionStage(resolved.get(key, (digest, executor) -> resolve(raw).subscribeAsCompletionStage())
                .thenApply(customerId -> customerId));
    }

    private Uni<String> resolve(DecisionRequest.RawIdentifier raw) {
        IdentityClient.Request request = new IdentityClient.Request(
                List.of(new IdentityClient.Identifier(raw.type(), raw.value(), Boolean.TRUE.equals(raw.verified()))),
                "/nba-service/decisions", "PROSPECT");
        return identity.resolve(request)
                .ifNoItem().after(timeout).failWith(() -> unavailable("identity-service did not answer in time"))
                .onFailure(WebApplicationException.class).transform(CustomerResolver::explain)
                .onFailure(failure -> !(failure instanceof HttpProblem)).transform(failure -> unavailable(
                        "identity-service cannot be reached to resolve the identifier"))
                .map(IdentityClient.Resolution::customerId);
    }

    /** identity-service refused the identifier (a 400 names why without quoting it): the caller's mistake. */
    private static Throwable explain(Throwable failure) {
        Response response = ((WebApplicationException) failure).getResponse();
        if (response.getStatus() == 400) {
            return Problems.badRequest("identity-service refused the customer identifier (it is not a valid " +
                            "identifier of its type)");
        }
        return unavailable("identity-service answered " + response.getStatus());
    }

    private static HttpProblem unavailable(String detail) {
        return Problems.unavailable(detail + "; ask again, or send the customer id");
    }

    private static String digest(String type, String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((type + "\u0000" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
