package io.gplay.engine.vault;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Variables as a run's code sees them: a view of a map in which {@link VaultValue}s are read, and so decrypted,
 * only when the variable holding them is ({@code vars.db_password}, or every one when all are listed).
 */
public final class ResolvingVars extends AbstractMap<String, Object> {
    private final Map<String, Object> raw;

    private ResolvingVars(Map<String, Object> raw) {
        this.raw = raw;
    }

    /** A view of {@code vars}, writes going through to it; {@code vars} itself when it is one already. */
    public static ResolvingVars of(Map<String, Object> vars) {
        return vars instanceof ResolvingVars r ? r : new ResolvingVars(vars);
    }

    /** A copy of {@code vars} that decrypts nothing now. */
    public static ResolvingVars copyOf(Map<String, Object> vars) {
        return new ResolvingVars(new LinkedHashMap<>(vars instanceof ResolvingVars r ? r.raw : vars));
    }

    @Override
    public Object get(Object key) {
        return VaultValue.resolve(raw.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return raw.containsKey(key);
    }

    /** The value replaced is returned as it was held, so that overwriting a vault value does not decrypt it. */
    @Override
    public Object put(String key, Object value) {
        return raw.put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return raw.remove(key);
    }

    @Override
    public int size() {
        return raw.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> it = raw.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        Entry<String, Object> e = it.next();
                        return new SimpleEntry<>(e.getKey(), VaultValue.resolve(e.getValue())) {
                            @Override
                            public Object setValue(Object value) {
                                super.setValue(value);
                                return e.setValue(value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        it.remove();
                    }
                };
            }

            @Override
            public int size() {
                return raw.size();
            }
        };
    }
}
