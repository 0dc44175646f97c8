package dev.nextbest.nba.live;

import dev.nextbest.nba.catalog.ActionRepository;
import dev.nextbest.nba.catalog.ActionVersionRepository;
import dev.nextbest.nba.catalog.Catalog;
import dev.nextbest.nba.catalog.CatalogListener;
import dev.nextbest.nba.catalog.CatalogRevision;
import dev.nextbest.nba.catalog.DecisionSettingsStore;
import dev.nextbest.nba.catalog.EngagementPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This replica's compiled live catalogue. It checks the catalogue revision every second (one tiny query) and
 * recompiles when it moved, so a change made through any replica is live in all within about a second; a
 * change made through this one is live before its answer returns. Decisions read {@link #current()}, which
 * never blocks: the compiled catalogue is swapped whole.
 */
@ApplicationScoped
public class LiveCatalog implements CatalogListener {

    private static final Logger LOG = Logger.getLogger(LiveCatalog.class);

    private final AtomicReference<CompiledCatalog> current = new AtomicReference<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final CatalogRevision revision;
    private final ActionVersionRepository versions;
    private final ActionRepository actions;
    private final DecisionSettingsStore settings;
    private final CatalogCompiler compiler;
    private final Catalog catalog;

    public LiveCatalog(CatalogRevision revision, ActionVersionRepository versions, ActionRepository actions,
                       DecisionSettingsStore settings, CatalogCompiler compiler, Catalog catalog) {
        this.revision = revision;
        this.versions = versions;
        this.actions = actions;
        this.settings = settings;
        this.compiler = compiler;
        this.catalog = catalog;
    }

    /** The compiled catalogue, or null before the first load. */
    public CompiledCatalog current() {
        return current.get();
    }

    @Scheduled(every = "${nextbest.catalog.check-interval:1s}", delayed = "0s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return refresh().onFailure().invoke(e -> LOG.warnf("the live catalogue could not be checked: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The active versions of the actions that are live (the action row names its live version). */
    private List<CatalogCompiler.Stored> stored(List<dev.nextbest.nba.catalog.Action> live,
                                               List<dev.nextbest.nba.catalog.ActionVersion> active) {
        java.util.Map<java.util.UUID, dev.nextbest.nba.catalog.Action> byId = new java.util.HashMap<>();
        live.forEach(action -> byId.put(action.id, action));
        return active.stream()
                .filter(version -> byId.containsKey(version.actionId)
                        && Integer.valueOf(version.version).equals(byId.get(version.actionId).liveVersion))
                .map(version -> new CatalogCompiler.Stored(version.actionId, byId.get(version.actionId).key,
                        version.version, catalog.read(version.definition)))
                .toList();
    }

    @Override
    public Uni<Void> changed() {
        return refresh().replaceWithVoid();
    }

    /** Recompiles if the revision moved; returns the catalogue in use afterwards. */
    public Uni<CompiledCatalog> refresh() {
        return revision.current().chain(latest -> {
            CompiledCatalog now = current.get();
            if (now != null && now.revision() >= latest) {
                return Uni.createFrom().item(now);
            }
            return load();
        });
    }

    private Uni<CompiledCatalog> load() {
        return Panache.withSession(() -> revision.current().chain(at -> actions.find("liveVersion is not null").list()
                        .chain(live -> versions.active().map(active -> stored(live, active)))
                        .chain(stored -> EngagementPolicy.<EngagementPolicy>listAll()
                                .chain(policies -> settings.current()
                                        .map(decisionSettings -> compiler.compile(at, stored, policies, decisionSettings))))))
                .invoke(compiled -> {
                    CompiledCatalog before = current.getAndAccumulate(compiled,
                            (old, candidate) -> old == null || candidate.revision() > old.revision() ? candidate : old);
                    if (before == null || before.revision() < compiled.revision()) {
                        LOG.infof("live catalogue revision %d: %d actions", compiled.revision(), compiled.actions().size());
                    }
                });
    }
}
