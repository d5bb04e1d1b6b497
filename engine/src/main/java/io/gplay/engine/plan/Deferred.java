package io.gplay.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value computed on each host when its task runs (in the DSL, a closure), from that host's scope. */
@FunctionalInterface
public interface Deferred {
    Object resolve(HostScope scope);

    /** The variables this value reads that a host must define (those it reads as optional left out). */
    default java.util.Set<String> variables() {
        return java.util.Set.of();
    }

    /**
     * Every variable this value reads, optional ones too: as a task's {@code when}, the names whose absence it
     * tests, so that its task needs them no more ({@code pool: { vars.pool }, when: { vars.pool }}).
     */
    default java.util.Set<String> tests() {
        return java.util.Set.of();
    }

    /**
     * A condition true where both are, the second asked only where the first holds (a role's {@code when} and
     * then its task's own); it needs what the first needs and what the second needs beyond the names the first tests.
     */
    static Deferred both(Deferred first, Deferred second) {
        return new Deferred() {
            @Override
            public Object resolve(HostScope scope) {
                return Truth.of(first.resolve(scope)) && Truth.of(second.resolve(scope));
            }

            @Override
            public java.util.Set<String> variables() {
                java.util.Set<String> out = new java.util.LinkedHashSet<>(second.variables());
                out.removeAll(first.tests());
                out.addAll(first.variables());
                return out;
            }

            @Override
            public java.util.Set<String> tests() {
                java.util.Set<String> out = new java.util.LinkedHashSet<>(first.tests());
                out.addAll(second.tests());
                return out;
            }
        };
    }

    /** The variables every per-host value in {@code v} needs, however deep in lists and maps. */
    static java.util.Set<String> variablesIn(Object v) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (v instanceof Deferred d) {
            out.addAll(d.variables());
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> out.addAll(variablesIn(x)));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> out.addAll(variablesIn(x)));
        }
        return out;
    }

    /** Replaces every per-host value, however deep in lists and maps, by its value on this host. */
    static Object resolveAll(Object v, HostScope scope) {
        if (v instanceof Deferred d) {
            return resolveAll(d.resolve(scope), scope);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), resolveAll(val, scope)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(resolveAll(x, scope)));
            return out;
        }
        if (v instanceof CharSequence s && !(v instanceof String)) {
            return s.toString();
        }
        return v;
    }
}
