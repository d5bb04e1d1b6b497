package io.gplay.modules;

import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.ReturnValue;

import java.util.Set;
import java.util.TreeSet;

/**
 * Holds a module's result to the RETURN section of its spec: every value declared for the result's status is
 * registered, and nothing is registered that the spec does not document (a module that declares none registers
 * nothing beyond the common keys). Every run through {@link Harness} is checked, so a module's tests keep its
 * documentation true.
 */
final class ReturnContract {
    private static final Set<String> COMMON = Set.of("changed", "changes", "failed", "skipped", "msg", "status", "unreachable");

    private ReturnContract() {
    }

    static void check(ModuleSpec spec, Result r) {
        Set<String> registered = new TreeSet<>(r.registered().keySet());
        for (ReturnValue v : spec.returnValues()) {
            if (v.expectedFor(r.status()) && !registered.contains(v.key())) {
                throw new AssertionError(spec.name() + ": RETURN says '" + v.key() + "' is there (" + v.returned()
                        + "), a " + r.status().label() + " result lacks it: " + registered);
            }
            registered.remove(v.key());
        }
        registered.removeAll(COMMON);
        if (!registered.isEmpty()) {
            throw new AssertionError(spec.name() + ": registers " + registered + ", which its RETURN section does not document");
        }
    }
}
