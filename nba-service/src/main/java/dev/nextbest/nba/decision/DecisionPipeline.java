package dev.nextbest.nba.decision;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.live.CompiledCatalog;
import dev.nextbest.nba.live.LiveCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The decision path in one place: who the customer is (a raw identifier resolved by identity-service; the
 * token must be allowed to act for them), what is known of them ({@link CustomerReader}), then every live
 * action as a candidate through the {@link Stage}s in the order {@link #stages} lists, and the decision,
 * logged ({@link DecisionLog}). When the answer is not ready within the service level, the
 * {@link DefaultActions} are returned instead.
 */
@ApplicationScoped
public class DecisionPipeline {

    private final CustomerResolver customers;
    private final CustomerReader reader;
    private final LiveCatalog catalog;
    private final DecisionLog log;
    private final Clock clock;
    private final Timer personalised;
    private final Timer control;
    private final Timer defaulted;
    /** The decision path, in order; each stage works on what the ones before left. */
    private final List<Stage> stages;

    public DecisionPipeline(CustomerResolver customers, CustomerReader reader, LiveCatalog catalog, DecisionLog log,
                            Clock clock, MeterRegistry registry,
                            ConsentStage consent, EngagementStage engagement, ContactStage contact, ScoringStage scoring,
                            ArbitrationStage arbitration, ControlGroupStage controlGroup, VolumeStage volume,
                            SelectionStage selection) {
        this.customers = customers;
        this.reader = reader;
        this.catalog = catalog;
        this.log = log;
        this.clock = clock;
        this.personalised = timer(registry, "personalised");
        this.control = timer(registry, "control");
        this.defaulted = timer(registry, "defaulted");
        this.stages = List.of(
                consent,        // purposes the customer has not granted, channels they closed
                engagement,     // validity, channel, audience, products held, engagement policies
                contact,        // contact caps and suppressions
                scoring,        // propensity (ONNX Runtime), value, context weight
                arbitration,    // exploration, priority, the best as many as asked for
                controlGroup,   // this period's control group: nothing, or one at random
                volume,         // volume limits reserved in Redis, the next ranked refilling
                selection);     // the returned, and how likely each was to be
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("nba.decisions").tag("outcome", outcome).publishPercentileHistogram()
                .description("Decisions made, and how long they took").register(registry);
    }

    /** @return the whole decision, funnel included; the caller decides what to show */
    public Uni<Decision> decide(DecisionRequest request, Caller caller) {
        CompiledCatalog compiled = catalog.current();
        if (compiled == null) {
            return Uni.createFrom().failure(Problems.unavailable("the catalogue is still loading; ask again in a moment"));
        }
        long started = System.nanoTime();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int serviceLevel = request.serviceLevelMs() != null ? request.serviceLevelMs() : compiled.settings().serviceLevelMs();
        Uni<Decision> decision = customers.customerId(request.customer())
                .invoke(caller::checkMayActFor)
                .chain(customerId -> reader.read(customerId)
                        .chain(known -> personalise(id, now, customerId, request, compiled, known, started)));
        return decision
                .ifNoItem().after(Duration.ofMillis(serviceLevel))
                .recoverWithItem(() -> DefaultActions.decision(id, now, request, compiled, serviceLevel, micros(started)))
                .invoke(made -> {
                    (made.defaulted() ? defaulted : "control".equals(made.group()) ? control : personalised)
                            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    log.record(made);
                });
    }

    private Uni<Decision> personalise(UUID id, Instant now, String customerId, DecisionRequest request,
                                      CompiledCatalog compiled, CustomerReader.Known known, long started) {
        DecisionSettings settings = compiled.settings();
        DecisionContext context = new DecisionContext(customerId, request, known.profile(), known.consents(),
                known.contacts(), settings, now);
        List<Candidate> candidates = new ArrayList<>(compiled.actions().size());
        compiled.actions().forEach(action -> candidates.add(new Candidate(action)));
        DecisionState state = new DecisionState(id, context, candidates);
        Uni<Void> run = Uni.createFrom().voidItem();
        for (Stage stage : stages) {
            run = run.chain(() -> stage.apply(state));
        }
        return run.map(done -> new Decision(id, customerId, now, request.channel(), request.placement(),
                state.control ? "control" : "treatment", false, null,
                DecisionRecords.chosen(state.chosen, state.ranked.size(), settings, state.control, false, 0),
                compiled.revision(), state.models, request.context(), context.profileKnown, micros(started),
                DecisionRecords.funnel(candidates)));
    }

    private static long micros(long started) {
        return (System.nanoTime() - started) / 1_000;
    }
}
