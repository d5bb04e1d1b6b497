package io.gplay.engine.vault;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A view of a map whose values pass through {@code onRead} as they are read ({@code get}, its entries and
 * values), and whose writes go through to the map. Listing its keys reads no value.
 */
public class ReadThroughMap<K> extends AbstractMap<K, Object> {
    protected final Map<K, Object> inner;
    private final UnaryOperator<Object> onRead;

    public ReadThroughMap(Map<K, Object> inner, UnaryOperator<Object> onRead) {
        this.inner = inner;
        this.onRead = onRead;
    }

    @Override
    public Object get(Object key) {
        return onRead.apply(inner.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return inner.containsKey(key);
    }

    /** The value replaced is returned as it was held, not read. */
    @Override
    public Object put(K key, Object value) {
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

    @Override
    public Set<K> keySet() {
        return inner.keySet();
    }

    @Override
    public Set<Entry<K, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, Object>> iterator() {
                Iterator<Entry<K, Object>> it = inner.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<K, Object> next() {
                        Entry<K, Object> e = it.next();
                        return new SimpleEntry<>(e.getKey(), onRead.apply(e.getValue())) {
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
                return inner.size();
            }
        };
    }
}
