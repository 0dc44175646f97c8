package dev.nextbest.nba.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.Catalog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Models in PostgreSQL (bytes, SHA-256, descriptor, a version per name) and the ones this replica serves: the
 * latest version of each name scores the action groups it names. An upload is validated before it is
 * stored (a refused one changes nothing, the serving model keeps serving); once stored it replaces the
 * serving version in one atomic swap, so a decision scores with the old or the new model, never neither.
 * Other replicas pick it up within two seconds. A replaced session is closed a minute later, after any
 * decision still using it has finished.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    /** Published on catalog-changes when a model version is stored; privacy-service assesses it. */
    public static final String MODEL_REGISTERED = "dev.nextbest.nba.catalog.model-registered.v1";

    /** What this replica serves: by group and by name, and the last upload seen. */
    record Serving(Map<String, ServingModel> byGroup, Map<String, Loaded> byName, long seq) {
        static final Serving NONE = new Serving(Map.of(), Map.of(), 0);
    }

    /** A served model and its upload's place in the order of uploads. */
    record Loaded(ServingModel model, long seq) {
    }

    private final AtomicReference<Serving> serving = new AtomicReference<>(Serving.NONE);
    private final ModelLoader loader;
    private final Catalog catalog;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Outbox outbox;
    private final Clock clock;

    public ModelRegistry(ModelLoader loader, Catalog catalog, ObjectMapper json, Vertx vertx, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.loader = loader;
        this.catalog = catalog;
        this.json = json;
        this.vertx = vertx;
    }

    /** The model that scores a group's actions, or null (the actions' base propensity is used). */
    public ServingModel forGroup(String group) {
        return serving.get().byGroup().get(group);
    }

    public Uni<ModelView> upload(byte[] onnx, ModelDescriptor descriptor, String client) {
        String checksum = sha256(onnx);
        UUID id = UUID.randomUUID();
        return Panache.withSession(() -> actionAttributes(descriptor.groups()))
                .chain(attributes -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        return loader.load(id, 0, checksum, onnx, descriptor, attributes);
                    } catch (ModelLoader.InvalidModelException e) {
                        throw Problems.badRequest("model refused: " + e.getMessage());
                    }
                })))
                // The validated session is only a check: every replica (this one too) loads the stored bytes.
                .chain(validated -> store(id, onnx, checksum, descriptor, client).eventually(validated::close))
                .call(stored -> sync())
                .map(stored -> view(stored, true));
    }

    public Uni<List<ModelView>> list() {
        return Panache.withSession(() -> Model.<Model>find("order by name, version").list()).map(models -> {
            Serving now = serving.get();
            return models.stream().map(model -> view(model, isServing(now, model))).toList();
        });
    }

    private Uni<Model> store(UUID id, byte[] onnx, String checksum, ModelDescriptor descriptor, String client) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT coalesce(max(version), 0) FROM model WHERE name = :name", Integer.class)
                .setParameter("name", descriptor.name()).getSingleResult()
                .chain(latest -> {
                    Model model = new Model();
                    model.id = id;
                    model.name = descriptor.name();
                    model.version = latest + 1;
                    model.checksum = checksum;
                    model.onnx = onnx;
                    model.descriptor = write(descriptor);
                    model.createdBy = client;
                    model.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    // Announced for its privacy assessment, in the same transaction.
                    return session.persist(model)
                            .chain(() -> outbox.add(Catalog.CHANGES_TOPIC, model.name, MODEL_REGISTERED, model.name, view(model, true)))
                            .replaceWith(model);
                })))
                .onFailure(ModelRegistry::isUniqueViolation).transform(e -> Problems.conflict("another version of " + descriptor.name() + " was uploaded at the same time; upload again"));
    }

    @Scheduled(every = "${nextbest.models.check-interval:2s}", delayed = "0s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return sync().onFailure().invoke(e -> LOG.warnf("models could not be checked: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Loads any upload this replica has not seen and swaps it in. */
    public Uni<Void> sync() {
        long seen = serving.get().seq();
        return Panache.withSession(() -> Model.<Model>find("seq > ?1 order by seq", seen).list())
                .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                        : vertx.executeBlocking(Uni.createFrom().item(() -> {
                            swapIn(fresh);
                            return null;
                        })).replaceWithVoid());
    }

    private synchronized void swapIn(List<Model> fresh) {
        Serving before = serving.get();
        Map<String, Loaded> byName = new HashMap<>(before.byName());
        long seq = before.seq();
        List<ServingModel> replaced = new java.util.ArrayList<>();
        for (Model model : fresh) {
            seq = Math.max(seq, model.seq);
            Loaded current = byName.get(model.name);
            if (current != null && current.model().version() >= model.version) {
                continue;
            }
            try {
                ServingModel loaded = loader.load(model.id, model.version, model.checksum, model.onnx, read(model.descriptor), null);
                Loaded old = byName.put(model.name, new Loaded(loaded, model.seq));
                if (old != null) {
                    replaced.add(old.model());
                }
                LOG.infof("serving model %s for groups %s (sha-256 %s)", loaded.label(), loaded.groups(), model.checksum);
            } catch (ModelLoader.InvalidModelException | RuntimeException e) {
                LOG.errorf("model %s version %d cannot be served: %s", model.name, model.version, e.getMessage());
            }
        }
        // Two names claiming one group: the later upload scores it.
        Map<String, ServingModel> byGroup = new HashMap<>();
        byName.values().stream().sorted(java.util.Comparator.comparingLong(Loaded::seq))
                .forEach(loaded -> loaded.model().groups().forEach(group -> byGroup.put(group, loaded.model())));
        serving.set(new Serving(Map.copyOf(byGroup), Map.copyOf(byName), seq));
        // Decisions that picked up a replaced model finish well within a minute.
        replaced.forEach(old -> CompletableFuture.delayedExecutor(1, TimeUnit.MINUTES).execute(old::close));
    }

    private Uni<Set<String>> actionAttributes(List<String> groups) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT v.definition FROM action_version v JOIN action a ON a.id = v.action_id
                        WHERE v.version = a.version OR v.version = a.live_version""", String.class).getResultList())
                .map(definitions -> {
                    Set<String> attributes = new HashSet<>();
                    for (String text : definitions) {
                        ActionDefinition definition = catalog.read(text);
                        if (groups.contains(definition.group()) && definition.attributes() != null) {
                            attributes.addAll(definition.attributes().keySet());
                        }
                    }
                    return attributes;
                });
    }

    private static boolean isServing(Serving now, Model model) {
        Loaded served = now.byName().get(model.name);
        return served != null && served.model().version() == model.version;
    }

    private ModelView view(Model model, boolean isServing) {
        ModelDescriptor descriptor = read(model.descriptor);
        return new ModelView(model.id, model.name, model.version, model.checksum, model.onnx.length,
                descriptor.description(), descriptor.groups(), descriptor.features(), isServing, model.createdBy,
                model.createdAt);
    }

    private ModelDescriptor read(String text) {
        try {
            return json.readValue(text, ModelDescriptor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored model descriptor cannot be read", e);
        }
    }

    private String write(ModelDescriptor descriptor) {
        try {
            return json.writeValueAsString(descriptor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("model_name_version_unique")) {
                return true;
            }
        }
        return false;
    }
}
