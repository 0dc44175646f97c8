package dev.nextbest.privacy.assessment;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The fields a CEL expression reads, as dotted paths under the variables decisions give it ({@code profile},
 * {@code traits}, {@code context}, {@code action}): {@code has(traits.complaints) && traits.complaints.count
 * >= 2} reads {@code traits.complaints.count}. Parsed, not evaluated, with CEL's own parser, so the
 * answer does not depend on any customer. Index access with a constant key ({@code profile.attributes['age']})
 * counts as a field; a computed key reads the whole map before it.
 */
public final class ExpressionFields {

    static final Set<String> VARIABLES = Set.of("profile", "traits", "context", "action");

    private final CelParser parser = CelParserFactory.standardCelParserBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).build();

    /** @throws IllegalArgumentException when the expression does not parse */
    public SortedSet<String> of(String expression) {
        CelValidationResult parsed = parser.parse(expression);
        if (parsed.hasError()) {
            throw new IllegalArgumentException("not a CEL expression: " + parsed.getErrorString());
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = parsed.getAst();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a CEL expression: " + e.getMessage(), e);
        }
        SortedSet<String> fields = new TreeSet<>();
        collect(ast.getExpr(), fields);
        return removeCovered(fields);
    }

    private static void collect(CelExpr expr, SortedSet<String> fields) {
        Optional<String> path = path(expr);
        if (path.isPresent()) {
            fields.add(path.get());
            return;
        }
        switch (expr.exprKind().getKind()) {
            case SELECT -> collect(expr.select().operand(), fields);
            case CALL -> {
                expr.call().target().ifPresent(target -> collect(target, fields));
                expr.call().args().forEach(arg -> collect(arg, fields));
            }
            case LIST -> expr.list().elements().forEach(element -> collect(element, fields));
            case MAP -> expr.map().entries().forEach(entry -> {
                collect(entry.key(), fields);
                collect(entry.value(), fields);
            });
            case STRUCT -> expr.struct().entries().forEach(entry -> collect(entry.value(), fields));
            case COMPREHENSION -> {
                collect(expr.comprehension().iterRange(), fields);
                collect(expr.comprehension().accuInit(), fields);
                collect(expr.comprehension().loopCondition(), fields);
                collect(expr.comprehension().loopStep(), fields);
                collect(expr.comprehension().result(), fields);
            }
            default -> {
            }
        }
    }

    /** The dotted path of a chain of selections (or constant-key indexes) on one of the variables. */
    private static Optional<String> path(CelExpr expr) {
        return switch (expr.exprKind().getKind()) {
            case IDENT -> VARIABLES.contains(expr.ident().name()) ? Optional.of(expr.ident().name()) : Optional.empty();
            case SELECT -> path(expr.select().operand()).map(operand -> operand + "." + expr.select().field());
            case CALL -> {
                var call = expr.call();
                if (call.function().equals("_[_]") && call.args().size() == 2
                        && call.args().get(1).exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && call.args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    String key = call.args().get(1).constant().stringValue();
                    yield path(call.args().get(0)).map(operand -> operand + "." + key);
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /** Keeps only the deepest paths: reading traits.complaints.count need not also list traits.complaints. */
    private static SortedSet<String> removeCovered(SortedSet<String> fields) {
        SortedSet<String> deepest = new TreeSet<>();
        for (String field : fields) {
            boolean covered = fields.stream().anyMatch(other -> other.startsWith(field + "."));
            if (!covered) {
                deepest.add(field);
            }
        }
        return deepest;
    }
}
