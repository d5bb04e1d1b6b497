package io.gplay.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value computed on each host when its task runs (in the DSL, a closure), from that host's scope. */
@FunctionalInterface
public interface Deferred {
    Object resolve(HostScope scope);

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
