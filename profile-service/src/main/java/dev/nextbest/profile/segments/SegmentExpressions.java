package dev.nextbest.profile.segments;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
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
 * Compiles segment expressions (CEL, with the standard macros such as {@code has} and {@code exists}) once,
 * checking that they are well formed, yield a bool, and name only fields a profile has, so that a typo is a
 * clear error when the segment is saved rather than a segment that is silently empty.
 */
@ApplicationScoped
public class SegmentExpressions {

    /** A compiled expression, ready to evaluate against any profile. */
    public interface Rule {
        /** @throws CelEvaluationException when the expression reads a value the profile does not have */
        boolean matches(Map<String, Object> variables) throws CelEvaluationException;
    }

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("profile", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("traits", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("predictions", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
            .setResultType(SimpleType.BOOL)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    /** @throws InvalidExpressionException saying what is wrong and where */
    public Rule compile(String expression) {
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            throw new InvalidExpressionException(result.getErrorString());
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            throw new InvalidExpressionException(e.getMessage());
        }
        checkFields(ast);
        CelRuntime.Program program;
        try {
            program = runtime.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new InvalidExpressionException(e.getMessage());
        }
        return variables -> Boolean.TRUE.equals(program.eval(variables));
    }

    /** {@code profile.x} and {@code traits.x} must name a field that exists. */
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
                        case "profile" -> SegmentVariables.PROFILE_FIELDS;
                        case "traits" -> SegmentVariables.TRAIT_FIELDS;
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
