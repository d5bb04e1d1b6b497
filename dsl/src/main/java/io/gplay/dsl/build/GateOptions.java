package io.gplay.dsl.build;

import io.gplay.engine.module.Names;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A gate's options, checked alike by a run and by {@code --syntax-check}: {@code before} and {@code after} (when
 * a batch is gated, both by default), {@code timeout} (how long to wait for the checks to pass, in seconds: 1 to
 * 86400, 300 by default) and {@code delay} (seconds between two askings, 10 by default, at most the timeout).
 */
public final class GateOptions {
    static final Set<String> NAMES = Set.of("before", "after", "timeout", "delay");
    static final int TIMEOUT = 300;
    static final double DELAY = 10;

    final boolean before;
    final boolean after;
    final int timeout;
    final double delay;

    private GateOptions(boolean before, boolean after, int timeout, double delay) {
        this.before = before;
        this.after = after;
        this.timeout = timeout;
        this.delay = delay;
    }

    /** The options given; each problem to {@code problem}, as a message without its line. */
    public static GateOptions read(String title, Map<String, ?> options, Consumer<String> problem) {
        for (String k : options.keySet()) {
            if (!NAMES.contains(k)) {
                problem.accept("gate '" + title + "': unknown option '" + k + "'" + Names.didYouMean(k, NAMES)
                        + " (it takes before, after, timeout and delay)");
            }
        }
        boolean before = bool(title, options, "before", problem);
        boolean after = bool(title, options, "after", problem);
        if (!before && !after) {
            problem.accept("gate '" + title + "': before: false and after: false gate nothing; leave one true");
        }
        Object t = options.get("timeout");
        int timeout = TIMEOUT;
        if (t != null) {
            if (t instanceof Integer || t instanceof Long) {
                timeout = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, ((Number) t).longValue()));
            }
            if (!(t instanceof Integer || t instanceof Long) || timeout < 1 || timeout > 86_400) {
                problem.accept("gate '" + title + "': timeout must be a whole number of seconds from 1 to 86400, got '"
                        + t + "'");
                timeout = TIMEOUT;
            }
        }
        Object d = options.get("delay");
        double delay = Math.min(DELAY, timeout);
        if (d != null) {
            if (!(d instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > timeout) {
                problem.accept("gate '" + title + "': delay must be a number of seconds above 0 and at most the timeout ("
                        + timeout + "), got '" + d + "'");
            } else {
                delay = n.doubleValue();
            }
        }
        return new GateOptions(before, after, timeout, delay);
    }

    private static boolean bool(String title, Map<String, ?> options, String name, Consumer<String> problem) {
        Object v = options.get(name);
        if (v != null && !(v instanceof Boolean)) {
            problem.accept("gate '" + title + "': " + name + " must be true or false, got '" + v + "'");
        }
        return !Boolean.FALSE.equals(v);
    }
}
