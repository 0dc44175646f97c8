package dev.nextbest.identity.clients;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.security.RevokedClients;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The API client registry: registering, authenticating, replacing secrets and revoking. */
@ApplicationScoped
public class ApiClients {

    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{2,62}";
    static final String ID_MESSAGE = "must be 3 to 63 lower-case letters, digits and hyphens, starting with a letter or digit";

    private final ApiClientRepository clients;
    private final ClientSecrets secrets;
    private final RevokedClients revokedClients;
    private final Outbox outbox;
    private final Vertx vertx;
    private final Clock clock;

    public ApiClients(ApiClientRepository clients, ClientSecrets secrets, RevokedClients revokedClients,
                      Outbox outbox, Vertx vertx, Clock clock) {
        this.clock = clock;
        this.clients = clients;
        this.secrets = secrets;
        this.revokedClients = revokedClients;
        this.outbox = outbox;
        this.vertx = vertx;
    }

    public static boolean isClientId(String id) {
        return id != null && id.matches(ID_PATTERN);
    }

    /** Registers a client with a new secret, which the answer shows this once. */
    public Uni<ClientCredentials> register(NewApiClient request) {
        Set<String> roles = checkRoles(request.roles());
        String secret = secrets.newSecret();
        return hashOffLoop(secret).chain(hash -> Panache.withTransaction(() -> clients.findById(request.id())
                .chain(existing -> {
                    if (existing != null) {
                        throw Problems.conflict("a client with id " + request.id() + " exists already");
                    }
                    ApiClient client = new ApiClient();
                    client.id = request.id();
                    client.name = request.name().strip();
                    client.roles(roles);
                    client.secretHash = hash;
                    client.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return clients.persist(client);
                })))
                .map(client -> new ClientCredentials(ApiClientView.of(client), secret));
    }

    /** Creates or updates a client declared in configuration, keeping a revocation made since. */
    public Uni<Void> declare(String id, String name, Set<String> roles, String secretHash) {
        Set<String> checked = checkRoles(roles);
        secrets.checkStrength(secretHash);
        return Panache.withTransaction(() -> clients.findById(id).chain(existing -> {
            ApiClient client = existing != null ? existing : new ApiClient();
            if (existing == null) {
                client.id = id;
                client.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            }
            client.name = name;
            client.roles(checked);
            client.secretHash = secretHash;
            return clients.persist(client);
        })).replaceWithVoid();
    }

    public Uni<List<ApiClientView>> list() {
        return Panache.withSession(() -> clients.listAll(io.quarkus.panache.common.Sort.by("id")))
                .map(all -> all.stream().map(ApiClientView::of).toList());
    }

    public Uni<ApiClientView> find(String id) {
        return Panache.withSession(() -> clients.findById(id)).map(client -> ApiClientView.of(existing(client, id)));
    }

    /** The client, when it exists, is not revoked and the secret is its own; as slow for unknown ids. */
    public Uni<Optional<ApiClient>> authenticate(String id, String secret) {
        Uni<ApiClient> client = isClientId(id)
                ? Panache.withSession(() -> clients.findById(id))
                : Uni.createFrom().nullItem();
        return client.chain(found -> vertx.executeBlocking(Uni.createFrom().item(() -> found == null
                        ? secrets.matchesNothing(secret)
                        : secrets.matches(secret, found.secretHash)))
                .map(matches -> matches && !found.revoked() ? Optional.of(found) : Optional.<ApiClient>empty()));
    }

    /** Gives the client a new secret; the old one stops working, tokens already issued run out. */
    public Uni<ClientCredentials> replaceSecret(String id) {
        String secret = secrets.newSecret();
        return hashOffLoop(secret).chain(hash -> Panache.withTransaction(() -> clients.findById(id).map(client -> {
                    ApiClient found = existing(client, id);
                    if (found.revoked()) {
                        throw Problems.conflict("client " + id + " is revoked");
                    }
                    found.secretHash = hash;
                    return found;
                })))
                .map(client -> new ClientCredentials(ApiClientView.of(client), secret));
    }

    /**
     * Revokes the client: no new tokens from now, and its current tokens are refused from the next request,
     * here at once and in every other replica and service when the api-client-revocations event reaches it
     * (about a second, through the outbox). Idempotent.
     */
    public Uni<ApiClientView> revoke(String id) {
        return Panache.withTransaction(() -> clients.findById(id).chain(client -> {
                    ApiClient found = existing(client, id);
                    if (found.revoked()) {
                        return Uni.createFrom().item(found);
                    }
                    found.revokedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return outbox.add(RevokedClients.TOPIC, found.id, RevokedClients.TYPE, found.id,
                            new ClientRevoked(found.id, found.revokedAt)).replaceWith(found);
                }))
                .invoke(client -> revokedClients.revoke(client.id, client.revokedAt))
                .map(ApiClientView::of);
    }

    /** The data of a client-revoked event. */
    record ClientRevoked(String clientId, Instant revokedAt) {
    }

    private Uni<String> hashOffLoop(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> secrets.hash(secret)));
    }

    private static ApiClient existing(ApiClient client, String id) {
        if (client == null) {
            throw Problems.notFound("no client with id " + id);
        }
        return client;
    }

    /** Known roles only; a channel app acts for one customer, so it holds no role that acts for all. */
    private static Set<String> checkRoles(Set<String> roles) {
        Set<String> checked = new TreeSet<>(roles);
        Set<String> unknown = new TreeSet<>(checked);
        unknown.removeAll(Roles.ALL);
        if (!unknown.isEmpty()) {
            throw Problems.badRequest("unknown roles " + unknown + "; the roles are " + new TreeSet<>(Roles.ALL));
        }
        if (checked.contains(Roles.CHANNEL_APP) && checked.size() > 1) {
            throw Problems.badRequest("a channel-app client acts for one customer at a time and cannot hold other roles");
        }
        return checked;
    }
}
