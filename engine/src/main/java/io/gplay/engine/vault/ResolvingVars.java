package io.gplay.engine.vault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variables as a run's code sees them: a view of a map in which {@link VaultValue}s are read, and so decrypted,
 * only when the variable holding them is ({@code vars.db_password}, or every one when all are listed);
 * overwriting a vault value does not decrypt it.
 */
public final class ResolvingVars extends ReadThroughMap<String> {
    private ResolvingVars(Map<String, Object> raw) {
        super(raw, VaultValue::resolve);
    }

    /** A view of {@code vars}, writes going through to it; {@code vars} itself when it is one already. */
    public static ResolvingVars of(Map<String, Object> vars) {
        return vars instanceof ResolvingVars r ? r : new ResolvingVars(vars);
    }

    /** The value held under {@code key}, not read: a vault value in it, however deep, stays encrypted. */
    public Object held(String key) {
        return inner.get(key);
    }

    /** A copy of {@code vars} that decrypts nothing now. */
    public static ResolvingVars copyOf(Map<String, Object> vars) {
        return new ResolvingVars(new LinkedHashMap<>(vars instanceof ResolvingVars r ? r.inner : vars));
    }
}
