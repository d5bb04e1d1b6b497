package io.gplay.engine.inventory;

import io.gplay.engine.vault.VaultValue;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One inventory host: its name, the groups it belongs to (outermost first) and its merged variables. */
public record Host(String name, List<String> groups, Map<String, Object> vars) {
    public Host {
        groups = List.copyOf(groups);
        vars = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    /**
     * The variable's value, its vault values decrypted ({@link #vars()} holds them as they were read), and a value
     * that only names another variable ({@code "{{ vault_sudo }}"}) read as that one's ({@link VarRefs}).
     */
    public Object var(String key) {
        return VaultValue.resolve(VarRefs.value(vars, vars.get(key)));
    }

    public String varString(String key, String fallback) {
        Object v = var(key);
        return v == null ? fallback : v.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
