package io.gplay.engine.plan;

import java.util.AbstractList;
import java.util.List;

/** A list as a closure sees it: each item it reads is noted by {@link SecretReads#read}; writes go through. */
final class WatchedList extends AbstractList<Object> {
    private final List<Object> inner;

    WatchedList(List<Object> inner) {
        this.inner = inner;
    }

    @Override
    public Object get(int index) {
        return SecretReads.read(inner.get(index));
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public Object set(int index, Object value) {
        return inner.set(index, value);
    }

    @Override
    public void add(int index, Object value) {
        inner.add(index, value);
    }

    @Override
    public Object remove(int index) {
        return inner.remove(index);
    }
}
