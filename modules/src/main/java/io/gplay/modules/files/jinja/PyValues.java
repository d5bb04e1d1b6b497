package io.gplay.modules.files.jinja;

import io.gplay.engine.vault.ReadThroughMap;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;

/** A variable's value as a template reads it: a null as {@link PyNone}, in maps and lists too, read as they are. */
final class PyValues {
    private PyValues() {
    }

    @SuppressWarnings("unchecked")
    static Object of(Object value) {
        if (value == null) {
            return PyNone.NONE;
        }
        if (value instanceof Map<?, ?> m && !(value instanceof MapView)) {
            return new MapView((Map<Object, Object>) m);
        }
        if (value instanceof List<?> l && !(value instanceof ListView)) {
            return new ListView(l);
        }
        return value;
    }

    /** A map whose values are read through {@link #of}. */
    private static final class MapView extends ReadThroughMap<Object> {
        MapView(Map<Object, Object> inner) {
            super(inner, PyValues::of);
        }

        /** A missing key stays missing (undefined), a key set to nothing is None. */
        @Override
        public Object get(Object key) {
            return inner.containsKey(key) ? super.get(key) : null;
        }
    }

    /** A list whose items are read through {@link #of}. */
    private static final class ListView extends AbstractList<Object> {
        private final List<?> inner;

        ListView(List<?> inner) {
            this.inner = inner;
        }

        @Override
        public Object get(int index) {
            return of(inner.get(index));
        }

        @Override
        public int size() {
            return inner.size();
        }
    }
}
