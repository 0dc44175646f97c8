package dev.nextbest.nba.live;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.catalog.EngagementPolicy;
import dev.nextbest.nba.policy.InvalidExpressionException;
import dev.nextbest.nba.policy.PolicyExpressions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Compiles the live versions and the issue and group policies of one catalogue revision. */
@ApplicationScoped
public class CatalogCompiler {

    private static final Logger LOG = Logger.getLogger(CatalogCompiler.class);

    /** A live version as stored. */
    public record Stored(UUID id, String key, int version, ActionDefinition definition) {
    }

    private final PolicyExpressions expressions;
    /** Compiled conditions by expression, kept across revisions: a change recompiles only what is new. */
    private final Map<String, PolicyExpressions.Condition> compiled = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Compiled numbers (values, context weights) by expression, likewise. Sharing one instance also lets a
     * decision work out an expression that does not read the action once, not once per action that has it.
     */
    private final Map<String, PolicyExpressions.Number> numbers = new java.util.concurrent.ConcurrentHashMap<>();

    public CatalogCompiler(PolicyExpressions expressions) {
        this.expressions = expressions;
    }

    public CompiledCatalog compile(long revision, List<Stored> versions, List<EngagementPolicy> policies,
                                   DecisionSettings settings) {
        Map<String, EngagementPolicy> issues = new HashMap<>();
        Map<String, EngagementPolicy> groups = new HashMap<>();
        policies.forEach(policy -> ("issue".equals(policy.level) ? issues : groups).put(policy.name, policy));
        List<LiveAction> actions = new ArrayList<>();
        if (compiled.size() + numbers.size() > 10_000) {
            compiled.clear();
            numbers.clear();
        }
        for (Stored stored : versions) {
            try {
                actions.add(compile(stored, issues.get(stored.definition().issue()), groups.get(stored.definition().group()), compiled));
            } catch (InvalidExpressionException e) {
                // Checked when saved, so only a change of CEL itself could get here: leave the action out, say so.
                LOG.errorf("action %s version %d is left out of revision %d: %s", stored.key(), stored.version(), revision, e.getMessage());
            }
        }
        actions.sort(Comparator.comparing(LiveAction::key));
        return new CompiledCatalog(revision, List.copyOf(actions), settings);
    }

    private LiveAction compile(Stored stored, EngagementPolicy issue, EngagementPolicy group,
                               Map<String, PolicyExpressions.Condition> compiled) {
        ActionDefinition definition = stored.definition();
        Map<String, Object> variable = new HashMap<>();
        variable.put("key", stored.key());
        variable.put("issue", definition.issue());
        variable.put("group", definition.group());
        if (definition.product() != null) {
            variable.put("product", definition.product());
        }
        variable.put("attributes", definition.attributes() == null ? Map.of() : dev.nextbest.nba.policy.CelValues.map(definition.attributes()));
        if (definition.value() != null) {
            variable.put("value", definition.value());
        }
        double levers = definition.levers() == null ? 1.0
                : definition.levers().values().stream().mapToDouble(Double::doubleValue).reduce(1.0, (a, b) -> a * b);
        return new LiveAction(stored.id(), stored.key(), stored.version(), definition,
                conditions(compiled, issue, group, definition.eligibility(), p -> p.eligibility),
                conditions(compiled, issue, group, definition.applicability(), p -> p.applicability),
                conditions(compiled, issue, group, definition.suitability(), p -> p.suitability),
                definition.valueExpression() == null ? null : numbers.computeIfAbsent(definition.valueExpression(), expressions::number),
                definition.contextWeight() == null ? null : numbers.computeIfAbsent(definition.contextWeight(), expressions::number),
                levers, Map.copyOf(variable));
    }

    private List<LiveAction.NamedCondition> conditions(Map<String, PolicyExpressions.Condition> compiled, EngagementPolicy issue, EngagementPolicy group, String own,
                                                        Function<EngagementPolicy, String> kind) {
        List<LiveAction.NamedCondition> conditions = new ArrayList<>(3);
        if (issue != null && kind.apply(issue) != null) {
            conditions.add(named(compiled, "issue " + issue.name, kind.apply(issue)));
        }
        if (group != null && kind.apply(group) != null) {
            conditions.add(named(compiled, "group " + group.name, kind.apply(group)));
        }
        if (own != null) {
            conditions.add(named(compiled, "action", own));
        }
        return List.copyOf(conditions);
    }

    /** Each distinct expression is compiled once, however many actions and revisions share it. */
    private LiveAction.NamedCondition named(Map<String, PolicyExpressions.Condition> compiled, String origin, String expression) {
        return new LiveAction.NamedCondition(origin, expression, compiled.computeIfAbsent(expression, expressions::condition));
    }
}
