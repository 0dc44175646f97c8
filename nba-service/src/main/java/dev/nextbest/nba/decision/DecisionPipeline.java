package dev.nextbest.nba.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.consent.ConsentView;
import dev.nextbest.nba.consent.ConsentsChanged;
import dev.nextbest.nba.contact.ContactHistory;
import dev.nextbest.nba.contact.VolumeCounters;
import dev.nextbest.nba.learning.BetaSampler;
import dev.nextbest.nba.learning.ControlGroup;
import dev.nextbest.nba.live.CompiledCatalog;
import dev.nextbest.nba.live.LiveAction;
import dev.nextbest.nba.live.LiveCatalog;
import dev.nextbest.nba.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The decision path, stage by stage, in one place:
 * <ol>
 *   <li>who: the customer id, or a raw identifier resolved by identity-service (cached briefly); the token
 *       must be allowed to act for that customer;</li>
 *   <li>what is known: the profile snapshot, the consents and the contact history (PostgreSQL-backed Redis
 *       copies, read together: {@link CustomerReader});</li>
 *   <li>{@link ConsentStage}: purposes the customer has not granted, channels they closed;</li>
 *   <li>{@link EngagementStage}: validity, channel, audience, products held, engagement policies;</li>
 *   <li>{@link ContactStage}: contact caps and suppressions;</li>
 *   <li>{@link ScoringStage}: propensity (one ONNX Runtime call per model; without the profile when the customer
 *       does not allow profiling), value, context weight;</li>
 *   <li>control group (sticky by customer and period), else {@link ArbitrationStage}: exploration and priority;</li>
 *   <li>volume limits, reserved atomically in Redis for the actions returned;</li>
 *   <li>the decision, logged (nba-decisions, and PostgreSQL for replay).</li>
 * </ol>
 * When the answer is not ready within the service level, the default actions are returned instead.
 */
@ApplicationScoped
public class DecisionPipeline {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final CustomerResolver customers;
    private final CustomerReader reader;
    private final VolumeCounters volumes;
    private final LiveCatalog catalog;
    private final ConsentStage consent;
    private final EngagementStage engagement;
    private final ContactStage contactPolicies;
    private final ScoringStage scoring;
    private final ArbitrationStage arbitration;
    private final DecisionLog log;
    private final ObjectMapper json;
    private final Timer personalised;
    private final Timer control;
    private final Timer defaulted;

    public DecisionPipeline(CustomerResolver customers, CustomerReader reader, VolumeCounters volumes,
                            LiveCatalog catalog, ConsentStage consent, EngagementStage engagement,
                            ContactStage contactPolicies, ScoringStage scoring, ArbitrationStage arbitration,
                            DecisionLog log, ObjectMapper json, MeterRegistry registry) {
        this.customers = customers;
        this.reader = reader;
        this.volumes = volumes;
        this.catalog = catalog;
        this.consent = consent;
        this.engagement = engagement;
        this.contactPolicies = contactPolicies;
        this.scoring = scoring;
        this.arbitration = arbitration;
        this.log = log;
        this.json = json;
        this.personalised = timer(registry, "personalised");
        this.control = timer(registry, "control");
        this.defaulted = timer(registry, "defaulted");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("nba.decisions").tag("outcome", outcome).publishPercentileHistogram()
                .description("Decisions made, and how long they took").register(registry);
    }

    /** @return the whole decision, funnel included; the caller decides what to show */
    public Uni<Decision> decide(DecisionRequest request, Caller caller) {
        CompiledCatalog compiled = catalog.current();
        if (compiled == null) {
            return Uni.createFrom().failure(HttpProblem.builder().withStatus(Response.Status.SERVICE_UNAVAILABLE)
                    .withTitle("Service Unavailable").withDetail("the catalogue is still loading; ask again in a moment").build());
        }
        long started = System.nanoTime();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int serviceLevel = request.serviceLevelMs() != null ? request.serviceLevelMs() : compiled.settings().serviceLevelMs();
        Uni<Decision> decision = customers.customerId(request.customer())
                .invoke(caller::checkMayActFor)
                .chain(customerId -> reader.read(customerId)
                        .chain(known -> personalise(id, now, customerId, request, compiled, profile(known.snapshot()),
                                consents(known.consents()), known.contacts(), started)));
        return decision
                .ifNoItem().after(Duration.ofMillis(serviceLevel))
                .recoverWithItem(() -> defaults(id, now, request, compiled, serviceLevel, started))
                .invoke(made -> {
                    (made.defaulted() ? defaulted : "control".equals(made.group()) ? control : personalised)
                            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    log.record(made);
                });
    }

    private Uni<Decision> personalise(UUID id, Instant now, String customerId, DecisionRequest request,
                                      CompiledCatalog compiled, Map<String, Object> profile, ConsentView consents,
                                      ContactHistory history, long started) {
        DecisionSettings settings = compiled.settings();
        DecisionContext context = new DecisionContext(customerId, request, profile, consents, history, settings, now);
        List<Candidate> candidates = new ArrayList<>(compiled.actions().size());
        compiled.actions().forEach(action -> candidates.add(new Candidate(action)));

        consent.apply(candidates, context);
        engagement.apply(candidates, context);
        contactPolicies.apply(candidates, context);
        List<String> models = List.copyOf(scoring.apply(candidates, context));
        BetaSampler sampler = new BetaSampler(id.getLeastSignificantBits());
        int wanted = Math.min(request.limitOrDefault(), placementLimit(settings, request));
        boolean inControl = ControlGroup.contains(customerId, settings.controlGroup(), now);
        List<Candidate> ranked = arbitration.rank(candidates, settings, sampler);
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).rank = i + 1;
        }
        List<Candidate> chosen = inControl ? controlChoice(ranked, settings, id) : new ArrayList<>(ranked.subList(0, Math.min(wanted, ranked.size())));
        if (inControl) {
            ranked.stream().filter(c -> !chosen.contains(c)).forEach(c -> c.drop(Stage.CONTROL_GROUP,
                    "the customer is in the control group this period (" + settings.controlGroup().behaviour() + ")"));
        } else {
            // Its rank says why: it ranked below the returned actions. No sentence each: with a hundred
            // candidates they were a large share of every logged decision.
            for (int i = chosen.size(); i < ranked.size(); i++) {
                ranked.get(i).drop(Stage.ARBITRATION, null);
            }
        }
        return reserveVolumes(chosen, ranked, now, inControl ? 3 : 1).map(returned -> {
            if (!inControl) {
                arbitration.estimateSelectionProbabilities(ranked, returned, settings, sampler);
            }
            returned.forEach(candidate -> candidate.drop(Stage.CHOSEN, null));
            int eligible = ranked.size();
            List<Decision.ChosenAction> actions = new ArrayList<>();
            for (int i = 0; i < returned.size(); i++) {
                actions.add(chosenAction(returned.get(i), i + 1, eligible, settings, inControl, false, 0));
            }
            return new Decision(id, customerId, now, request.channel(), request.placement(),
                    inControl ? "control" : "treatment", false, null, actions, compiled.revision(), models,
                    request.context(), context.profileKnown, micros(started), funnel(candidates));
        });
    }

    /** The control group gets nothing, or one suitable action at random (each equally likely). */
    private static List<Candidate> controlChoice(List<Candidate> ranked, DecisionSettings settings, UUID id) {
        if (settings.controlGroup().behaviour() == DecisionSettings.ControlBehaviour.NO_ACTION || ranked.isEmpty()) {
            return new ArrayList<>();
        }
        Candidate pick = ranked.get(new SplittableRandom(id.getMostSignificantBits()).nextInt(ranked.size()));
        pick.selectionProbability = 1.0 / ranked.size();
        return new ArrayList<>(List.of(pick));
    }

    /**
     * Reserves the volume-limited actions among those chosen; one whose limit is reached drops out and the
     * next ranked takes its place (up to three rounds).
     */
    private Uni<List<Candidate>> reserveVolumes(List<Candidate> chosen, List<Candidate> ranked, Instant now, int round) {
        List<Candidate> limited = chosen.stream().filter(c -> c.action.definition().volume() != null).toList();
        if (limited.isEmpty()) {
            return Uni.createFrom().item(chosen);
        }
        List<VolumeCounters.Claim> claims = limited.stream()
                .map(c -> new VolumeCounters.Claim(c.action.key(), c.action.definition().volume())).toList();
        return volumes.reserve(claims, now).chain(reserved -> {
            List<Candidate> kept = new ArrayList<>(chosen);
            int full = 0;
            for (int i = 0; i < reserved.length; i++) {
                if (!reserved[i]) {
                    Candidate limitReached = limited.get(i);
                    limitReached.drop(Stage.VOLUME, "its limit of " + limitReached.action.definition().volume().max()
                            + " per " + limitReached.action.definition().volume().period().name().toLowerCase(java.util.Locale.ROOT)
                            + " is reached");
                    kept.remove(limitReached);
                    full++;
                }
            }
            List<Candidate> refill = new ArrayList<>();
            for (Candidate next : ranked) {
                if (refill.size() == full || round >= 3) {
                    break;
                }
                if (next.stage == Stage.ARBITRATION) {
                    next.stage = null;
                    next.reason = null;
                    refill.add(next);
                }
            }
            return refill.isEmpty() ? Uni.createFrom().item(kept)
                    : reserveVolumes(refill, ranked, now, round + 1).map(extra -> {
                        kept.addAll(extra);
                        return kept;
                    });
        });
    }

    /** The default actions: no personal data read, nothing scored; counted as defaulted. */
    private Decision defaults(UUID id, Instant now, DecisionRequest request, CompiledCatalog compiled, int serviceLevel,
                              long started) {
        List<Candidate> fallbacks = new ArrayList<>();
        for (LiveAction action : compiled.actions()) {
            if (action.definition().isFallback() && action.validAt(now)) {
                Candidate candidate = new Candidate(action);
                candidate.treatment = action.treatment(request.channel(), request.placement());
                if (candidate.treatment != null) {
                    candidate.value = action.definition().value() == null ? 0 : action.definition().value();
                    candidate.propensity = candidate.modelPropensity = action.definition().basePropensity() == null
                            ? 0 : action.definition().basePropensity();
                    candidate.priority = candidate.value;
                    candidate.selectionProbability = 1.0;
                    fallbacks.add(candidate);
                }
            }
        }
        fallbacks.sort(ArbitrationStage.ORDER);
        int wanted = Math.min(request.limitOrDefault(), placementLimit(compiled.settings(), request));
        List<Decision.ChosenAction> actions = new ArrayList<>();
        for (int i = 0; i < Math.min(wanted, fallbacks.size()); i++) {
            actions.add(chosenAction(fallbacks.get(i), i + 1, fallbacks.size(), compiled.settings(), false, true, serviceLevel));
        }
        String customerId = request.customer().id();
        return new Decision(id, customerId, now, request.channel(), request.placement(), "treatment", true,
                "not decided within the service level of " + serviceLevel + " ms", actions, compiled.revision(),
                List.of(), request.context(), false, micros(started), List.of());
    }

    private static Decision.ChosenAction chosenAction(Candidate c, int rank, int eligible, DecisionSettings settings,
                                                      boolean control, boolean defaulted, int serviceLevel) {
        LiveAction action = c.action;
        return new Decision.ChosenAction(rank, action.key(), action.id(), action.version(), action.definition().name(),
                action.issue(), action.group(), c.treatment, round(c.propensity), defaulted ? null : round(c.modelPropensity),
                c.model, c.value, c.contextWeight, action.levers(), round(c.priority), round(c.selectionProbability),
                Explanations.codes(c, settings, control, defaulted),
                Explanations.reason(c, rank, eligible, control, defaulted, serviceLevel));
    }

    private static List<Decision.FunnelEntry> funnel(List<Candidate> candidates) {
        List<Decision.FunnelEntry> funnel = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            funnel.add(new Decision.FunnelEntry(c.action.key(), c.action.version(), c.stage, c.rank == 0 ? null : c.rank, c.reason,
                    Double.isNaN(c.propensity) ? null : round(c.propensity),
                    Double.isNaN(c.value) ? null : c.value, Double.isNaN(c.priority) ? null : round(c.priority)));
        }
        return funnel;
    }

    /** At most this many actions at the request's placement (100 where the settings name no limit). */
    private static int placementLimit(DecisionSettings settings, DecisionRequest request) {
        DecisionSettings.Placement placement = settings.placements()
                .get(request.channel() + "/" + (request.placement() == null ? "" : request.placement()));
        return placement == null ? 100 : placement.maxActions();
    }

    private Map<String, Object> profile(String snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            return json.readValue(snapshot, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored profile snapshot cannot be read", e);
        }
    }

    private ConsentView consents(String state) {
        try {
            return ConsentView.of(json.readValue(state, ConsentsChanged.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored consent state cannot be read", e);
        }
    }

    /** Six significant decimals are more than any score means, and keep the decision log small. */
    private static double round(double value) {
        return Double.isNaN(value) ? 0 : Math.round(value * 1_000_000d) / 1_000_000d;
    }

    private static long micros(long started) {
        return (System.nanoTime() - started) / 1_000;
    }
}
