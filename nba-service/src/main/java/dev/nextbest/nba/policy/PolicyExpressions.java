package dev.nextbest.nba.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the catalogue's CEL expressions once: engagement policies (a bool) and values and context
 * weights (a double). They see {@code profile} (the customer's latest snapshot from profile-service, schema
 * v1), {@code traits} (its computed traits), {@code context} (what the request says, plus {@code channel}
 * and {@code placement}) and {@code action} (the candidate: key, issue, group, product, attributes). A typo
 * in a profile or trait name is an error when the expression is saved, not a policy that is silently false.
 */
@ApplicationScoped
public class PolicyExpressions {

    /** The top-level fields of a profile snapshot (profile-updated.v1). */
    public static final Set<String> PROFILE_FIELDS = Set.of("customerId", "kind", "attributes", "holdings", "segments",
            "behaviouralSegment", "consents", "predictions", "traits", "lifetimeValue", "updatedAt", "computedAt");
    /** The computed traits of a snapshot. */
    public static final Set<String> TRAIT_FIELDS = Set.of("recency", "frequency", "monetary", "channelMix", "intent",
            "repeatContacts7d", "complaints", "paymentFailures", "nps", "sentiment");
    public static final Set<String> ACTION_FIELDS = Set.of("key", "issue", "group", "product", "attributes", "value");

    /** A compiled condition. */
    public interface Condition {
        /** @throws CelEvaluationException when it reads a value the candidate does not have */
        boolean test(Map<String, Object> variables) throws CelEvaluationException;

        /**
         * Whether it reads {@code action}: if not, it has one value per decision, however many candidates
         * share it (a decision works it out once).
         */
        boolean readsAction();
    }

    /** A compiled number. */
    public interface Number {
        double evaluate(Map<String, Object> variables) throws CelEvaluationException;

        boolean readsAction();
    }

    private final CelCompiler conditions = compiler(SimpleType.BOOL);
    private final CelCompiler numbers = compiler(SimpleType.DOUBLE);
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static CelCompiler compiler(CelType result) {
        MapType map = MapType.create(SimpleType.STRING, SimpleType.DYN);
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("profile", map)
                .addVar("traits", map)
                .addVar("context", map)
                .addVar("action", map)
                .setResultType(result)
                .build();
    }

    /** @throws InvalidExpressionException saying what is wrong and where */
    public Condition condition(String expression) {
        CelAbstractSyntaxTree ast = checked(conditions, expression);
        return new CompiledCondition(program(ast), readsAction(ast));
    }

    /** @throws InvalidExpressionException saying what is wrong and where */
    public Number number(String expression) {
        CelAbstractSyntaxTree ast = checked(numbers, expression);
        return new CompiledNumber(program(ast), readsAction(ast));
    }

    private record CompiledCondition(CelRuntime.Program program, boolean readsAction) implements Condition {
        @Override
        public boolean test(Map<String, Object> variables) throws CelEvaluationException {
            return Boolean.TRUE.equals(program.eval(variables));
        }
    }

    private record CompiledNumber(CelRuntime.Program program, boolean readsAction) implements Number {
        @Override
        public double evaluate(Map<String, Object> variables) throws CelEvaluationException {
            return ((java.lang.Number) program.eval(variables)).doubleValue();
        }
    }

    private static CelAbstractSyntaxTree checked(CelCompiler compiler, String expression) {
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            throw new InvalidExpressionException(result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            checkFields(ast);
            return ast;
        } catch (CelValidationException e) {
            throw new InvalidExpressionException(e.getMessage());
        }
    }

    private CelRuntime.Program program(CelAbstractSyntaxTree ast) {
        try {
            return runtime.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new InvalidExpressionException(e.getMessage());
        }
    }

    private static boolean readsAction(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .anyMatch(node -> node.expr().exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                        && node.expr().ident().name().equals("action"));
    }

    /** {@code profile.x}, {@code traits.x} and {@code action.x} must name a field that exists. */
    private static void checkFields(CelAbstractSyntaxTree ast) {
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .filter(node -> node.expr().exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT)
                .forEach(node -> {
                    CelExpr.CelSelect select = node.expr().select();
                    if (select.operand().exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
                        return;
                    }
                    String variable = select.operand().ident().name();
                    Set<String> known = switch (variable) {
                        case "profile" -> PROFILE_FIELDS;
                        case "traits" -> TRAIT_FIELDS;
                        case "action" -> ACTION_FIELDS;
                        default -> null;
                    };
                    if (known != null && !known.contains(select.field())) {
                        Integer offset = ast.getSource().getPositionsMap().get(node.expr().id());
                        throw new InvalidExpressionException("'" + variable + "." + select.field() + "'"
                                + (offset == null ? "" : " at character " + (offset - variable.length() + 1))
                                + " is not a field of " + variable + "; the fields are " + new TreeSet<>(known));
                    }
                });
    }
}
