package io.gplay.dsl;

import groovy.lang.Closure;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;

/**
 * A closure in a playbook, computed on each host with that host's scope as its delegate ({@code host},
 * {@code vars}, {@code facts}, {@code groups}, registered results). Each call works on its own copy, so hosts
 * evaluate it in parallel safely.
 */
final class ClosureValue implements Deferred {
    private final Closure<?> closure;

    ClosureValue(Closure<?> closure) {
        this.closure = closure;
    }

    @Override
    public Object resolve(HostScope scope) {
        Closure<?> c = (Closure<?>) closure.clone();
        c.setDelegate(scope);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        return c.getMaximumNumberOfParameters() == 0 ? c.call() : c.call(scope);
    }

    /** Wraps closures, leaves other values as they are. */
    static Object wrap(Object v) {
        return v instanceof Closure<?> c ? new ClosureValue(c) : v;
    }

    /** A closure as a condition, with Groovy truth. */
    static Deferred condition(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Closure<?> c) {
            ClosureValue value = new ClosureValue(c);
            return scope -> org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(
                    value.resolve(scope));
        }
        boolean constant = org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(v);
        return scope -> constant;
    }
}
