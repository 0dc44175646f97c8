package dev.nextbest.identity.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nextbest.identity.IdentityConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Clients declared in a file ({@code nextbest.identity.clients.file}, a mounted Secret in production), made
 * or updated in the registry at start: the way the first admin client exists before anyone can call the
 * client API. Entries carry Argon2id hashes, never secrets. A client revoked through the API stays revoked.
 */
@ApplicationScoped
public class DeclaredClients {

    private static final Logger LOG = Logger.getLogger(DeclaredClients.class);

    /** One entry of the file: {"id": ..., "name": ..., "roles": [...], "secretHash": "$argon2id$..."}. */
    record Declaration(String id, String name, Set<String> roles, String secretHash) {
    }

    private final ApiClients clients;
    private final Optional<Path> file;

    public DeclaredClients(ApiClients clients, IdentityConfig config) {
        this.clients = clients;
        this.file = config.clients().file();
    }

    void declareAtStart(@Observes StartupEvent start) throws Throwable {
        if (file.isEmpty()) {
            return;
        }
        List<Declaration> declarations = read(file.get());
        for (Declaration declaration : declarations) {
            if (!ApiClients.isClientId(declaration.id()) || declaration.name() == null || declaration.roles() == null) {
                throw new IllegalArgumentException(file.get() + ": every client needs an id (" + ApiClients.ID_MESSAGE
                        + "), a name and roles");
            }
            try {
                VertxContextSupport.subscribeAndAwait(() -> clients.declare(declaration.id(), declaration.name(),
                        declaration.roles(), declaration.secretHash()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file.get() + ", client " + declaration.id() + ": " + e.getMessage());
            }
        }
        LOG.infof("%d API clients declared by %s", declarations.size(), file.get());
    }

    private static List<Declaration> read(Path path) {
        ObjectMapper json = JsonMapper.builder().build();
        try {
            return List.of(json.readValue(path.toFile(), Declaration[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + " is not a JSON array of client declarations: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " cannot be read: " + e.getMessage());
        }
    }
}
