package io.gplay.dsl.build;

import groovy.lang.Closure;
import groovy.lang.GString;
import io.gplay.dsl.compile.VariableUses;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.PlaybookCodeFailure;
import io.gplay.engine.plan.SecretReads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A closure in a playbook, computed on each host with that host's scope as its delegate ({@code host},
 * {@code vars}, {@code facts}, {@code groups}, registered results). Each call works on its own copy, so hosts
 * evaluate it in parallel safely. Whatever it throws, an Error or a failed {@code assert} too, is its task's
 * failure on that host ({@link PlaybookCodeFailure}). What it returns, or the text of what it throws, after it
 * read a secret counts as a secret ({@link SecretReads}).
 *
 * <p>Public for {@code --syntax-check}, which judges a value as the plan holds it ({@link #wrap}, {@link #holdsOne}).
 */
public final class ClosureValue implements Deferred {
    private final Closure<?> closure;

    ClosureValue(Closure<?> closure) {
        this.closure = closure;
    }

    @Override
    public Set<String> variables() {
        return VariableUses.of(closure).needed();
    }

    @Override
    public Set<String> tests() {
        return VariableUses.of(closure).all();
    }

    @Override
    public Object resolve(HostScope scope) {
        Closure<?> c = (Closure<?>) closure.clone();
        c.setDelegate(scope);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        Object value;
        SecretReads reads = SecretReads.start();
        try {
            value = c.getMaximumNumberOfParameters() == 0 ? c.call() : c.call(scope);
            if (value instanceof GString g) {
                g.toString(); // a lazy part, "${-> vars.x}", reads its variables now, while they are watched
            }
            if (reads.any()) {
                SecretReads.secret(value);
            }
        } catch (Throwable t) {
            if (reads.any()) {
                SecretReads.secret(t);
            }
            throw PlaybookCodeFailure.of(t);
        } finally {
            reads.end();
        }
        refuseNullsInText(value, scope);
        return value;
    }

    /**
     * A map lookup of a variable that is not set gives null, and Groovy writes a null into a string as "null":
     * {@code "listen ${vars.prot}"} would put "listen null" into a file. A text (or a list or map of texts)
     * that took in a null is refused; {@code ?:} gives a variable that may be unset its default.
     */
    private static void refuseNullsInText(Object value, HostScope scope) {
        if (value instanceof GString g && HostScope.UndefinedVariable.holdsNull(g.getValues())) {
            throw HostScope.UndefinedVariable.inText(g.getStrings(), g.getValues(), scope.getHost());
        }
        if (value instanceof Collection<?> items) {
            items.forEach(v -> refuseNullsInText(v, scope));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> refuseNullsInText(v, scope));
        }
    }

    /** Wraps closures, wherever they sit in lists and maps ({@code argv: ['echo', { host }]}); leaves the rest. */
    public static Object wrap(Object v) {
        if (v instanceof Closure<?> c) {
            return new ClosureValue(c);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, wrap(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(wrap(x)));
            return out;
        }
        return v;
    }

    /** Whether a value is, or holds in its lists and maps, a per-host value: known only on each host. */
    public static boolean holdsOne(Object v) {
        if (v instanceof Deferred) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(ClosureValue::holdsOne);
        }
        return v instanceof Collection<?> c && c.stream().anyMatch(ClosureValue::holdsOne);
    }

    /** A closure as a condition, with Groovy truth. */
    static Deferred condition(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Closure<?> c) {
            ClosureValue value = new ClosureValue(c);
            return new Deferred() {
                @Override
                public Object resolve(HostScope scope) {
                    return org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(
                            value.resolve(scope));
                }

                @Override
                public Set<String> variables() {
                    return value.variables();
                }

                @Override
                public Set<String> tests() {
                    return value.tests();
                }
            };
        }
        boolean constant = org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(v);
        return scope -> constant;
    }
}
