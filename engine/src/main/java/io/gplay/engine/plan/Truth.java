package io.gplay.engine.plan;

import java.util.Collection;
import java.util.Map;

/** Groovy truth for values the engine receives from playbooks. */
public final class Truth {
    private Truth() {
    }

    public static boolean of(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
