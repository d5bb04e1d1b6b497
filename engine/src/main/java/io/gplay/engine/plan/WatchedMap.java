package io.gplay.engine.plan;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** A map as a closure sees it: each value it reads is noted by {@link SecretReads#read}; writes go through. */
final class WatchedMap extends AbstractMap<Object, Object> {
    private final Map<Object, Object> inner;

    WatchedMap(Map<Object, Object> inner) {
        this.inner = inner;
    }

    @Override
    public Object get(Object key) {
        return SecretReads.read(inner.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return inner.containsKey(key);
    }

    @Override
    public Object put(Object key, Object value) {
        return inner.put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return inner.remove(key);
    }

    @Override
    public int size() {
        return inner.size();
    }

    /** The names alone: reading them reads no value (the map's own would go through the entries). */
    @Override
    public Set<Object> keySet() {
        return inner.keySet();
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                Iterator<Entry<Object, Object>> it = inner.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        Entry<Object, Object> e = it.next();
                        return new SimpleImmutableEntry<>(e.getKey(), SecretReads.read(e.getValue()));
                    }
                };
            }

            @Override
            public int size() {
                return inner.size();
            }
        };
    }
}
