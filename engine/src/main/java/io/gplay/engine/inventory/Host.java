package io.gplay.engine.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One inventory host: its name, the groups it belongs to (outermost first) and its merged variables. */
public record Host(String name, List<String> groups, Map<String, Object> vars) {
    public Host {
        groups = List.copyOf(groups);
        vars = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    public Object var(String key) {
        return vars.get(key);
    }

    public String varString(String key, String fallback) {
        Object v = vars.get(key);
        return v == null ? fallback : v.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
