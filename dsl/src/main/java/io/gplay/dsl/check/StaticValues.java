package io.gplay.dsl.check;

import groovy.lang.Closure;
import io.gplay.dsl.build.ClosureValue;
import io.gplay.dsl.build.TaskCall;
import io.gplay.dsl.compile.VariableUses;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's arguments as {@code --syntax-check} reads them from the source, to be judged by the same rules as the
 * plan's values: what is written as a literal (a constant, a list or map of them) is that value, a closure is a
 * closure (never called), and anything code computes is {@link TaskCall#COMPUTED}.
 */
final class StaticValues {
    /** A closure written in the source: a per-host value, as the plan's closures are; nothing ever calls it. */
    static final Closure<Object> CLOSURE = new Closure<>(StaticValues.class) {
    };

    private StaticValues() {
    }

    /** The value an expression is written as. */
    static Object of(Expression e) {
        if (e instanceof ConstantExpression c) {
            return c.getValue();
        }
        if (e instanceof ClosureExpression || e instanceof StaticMethodCallExpression m
                && m.getOwnerType().getName().equals(VariableUses.class.getName()) && m.getMethod().equals("tag")) {
            return CLOSURE; // a closure given as a value is compiled as VariableUses.tag(closure, ...)
        }
        if (e instanceof ListExpression l) {
            List<Object> out = new ArrayList<>();
            l.getExpressions().forEach(x -> out.add(of(x)));
            return out;
        }
        if (e instanceof MapExpression m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (MapEntryExpression x : m.getMapEntryExpressions()) {
                if (!(x.getKeyExpression() instanceof ConstantExpression k)) {
                    return TaskCall.COMPUTED; // a key of code's, or *: spread: which names are given is not known
                }
                out.put(String.valueOf(k.getValue()), of(x.getValueExpression()));
            }
            return out;
        }
        return TaskCall.COMPUTED;
    }

    /**
     * A call's arguments as the plan would get them, or null when code gives one whose kind is not known (a
     * variable may be a title or a map of named values); a title that code computes ({@code "${x}"}) is
     * {@link TaskCall#COMPUTED}.
     */
    static List<Object> arguments(MethodCallExpression call) {
        List<Object> out = new ArrayList<>();
        for (Expression e : expressions(call)) {
            Object v = e instanceof GStringExpression ? TaskCall.COMPUTED : of(e);
            if (v == TaskCall.COMPUTED && !(e instanceof GStringExpression)) {
                return null;
            }
            out.add(v);
        }
        return out;
    }

    /** A call's named values whose names are written as constants, whatever else it is given. */
    static Map<String, Object> named(MethodCallExpression call) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Expression e : expressions(call)) {
            if (e instanceof MapExpression m) {
                for (MapEntryExpression x : m.getMapEntryExpressions()) {
                    if (x.getKeyExpression() instanceof ConstantExpression k) {
                        out.put(String.valueOf(k.getValue()), of(x.getValueExpression()));
                    }
                }
            }
        }
        return out;
    }

    /** The values known as written: none that is, or holds, a closure or a value code computes. */
    static Map<String, Object> known(Map<String, Object> named) {
        Map<String, Object> out = new LinkedHashMap<>();
        named.forEach((k, v) -> {
            if (!ClosureValue.holdsOne(ClosureValue.wrap(v))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The first argument written as a string constant (a title, a file's or role's name), or null. */
    static String title(MethodCallExpression call) {
        return expressions(call).stream().filter(x -> x instanceof ConstantExpression c && c.getValue() instanceof String)
                .map(x -> (String) ((ConstantExpression) x).getValue()).findFirst().orElse(null);
    }

    static List<Expression> expressions(MethodCallExpression call) {
        return call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
    }
}
