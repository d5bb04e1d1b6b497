package io.gplay.dsl.build;

import io.gplay.engine.plan.Rollout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A play's {@code serial}, {@code maxFailPercentage} and {@code anyErrorsFatal} read into its {@link Rollout},
 * each value checked, by a run and by {@code --syntax-check} alike: a batch size is a whole number of hosts (0:
 * all), a percentage {@code '30%'} (1% to 100%) or a list of them; {@code maxFailPercentage} is from 0 to 100.
 */
public final class RolloutOptions {
    static final String SERIAL_FORMS = "a number of hosts (2), a percentage of the play's hosts ('30%') or a list"
            + " of them ([1, '30%', '100%'])";
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,9})%");

    private RolloutOptions() {
    }

    /** The rollout the options give; each problem to {@code problem}, as a message without its line. */
    public static Rollout read(Map<String, ?> options, Consumer<String> problem) {
        List<Object> serial = serial(known(options.get("serial")), problem);
        Double maxFail = maxFailPercentage(known(options.get("maxFailPercentage")), problem);
        Object fatal = known(options.get("anyErrorsFatal"));
        if (fatal != null && !(fatal instanceof Boolean)) {
            problem.accept("anyErrorsFatal must be true or false, got " + TaskKeywords.describe(fatal));
        }
        return new Rollout(serial, maxFail, Boolean.TRUE.equals(fatal), List.of());
    }

    /** A value as judged: one --syntax-check does not know ({@link TaskCall#COMPUTED}, in a list too) as none. */
    private static Object known(Object v) {
        return ClosureValue.holdsOne(v) ? null : v;
    }

    private static List<Object> serial(Object v, Consumer<String> problem) {
        if (v == null) {
            return List.of();
        }
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        if (items.isEmpty()) {
            problem.accept("serial: an empty list gives no batch size; give " + SERIAL_FORMS);
        }
        List<Object> sizes = new ArrayList<>();
        for (Object item : items) {
            String why = sizeProblem(item);
            if (why != null) {
                problem.accept("serial: " + why);
                return List.of();
            }
            sizes.add(item instanceof Number n ? (Object) n.intValue() : item.toString());
        }
        return sizes;
    }

    /** Why a batch size is refused, or null. */
    private static String sizeProblem(Object item) {
        if (item instanceof Integer || item instanceof Long || item instanceof BigInteger) {
            long n = ((Number) item).longValue();
            return n < 0 || n > Integer.MAX_VALUE ? "a batch of " + item + " hosts is no batch size; give " + SERIAL_FORMS
                    : null;
        }
        if (item instanceof CharSequence s) {
            Matcher m = PERCENT.matcher(s);
            if (!m.matches()) {
                return "'" + s + "' is no batch size; give " + SERIAL_FORMS;
            }
            long p = Long.parseLong(m.group(1));
            return p < 1 || p > 100 ? "'" + s + "': a batch is from 1% to 100% of the play's hosts" : null;
        }
        return TaskKeywords.describe(item) + " is no batch size; give " + SERIAL_FORMS;
    }

    /** A number or {@code 'N%'} from 0 to 100, as Ansible's percent; null when not given or refused. */
    private static Double maxFailPercentage(Object v, Consumer<String> problem) {
        if (v == null) {
            return null;
        }
        Double p = null;
        if (v instanceof Number n) {
            p = n.doubleValue();
        } else if (v instanceof CharSequence s && s.toString().matches("\\d{1,3}(\\.\\d+)?%")) {
            p = Double.parseDouble(s.subSequence(0, s.length() - 1).toString());
        }
        if (p == null || p < 0 || p > 100) {
            problem.accept("maxFailPercentage must be a percentage from 0 to 100 (a number, or '30%'), got "
                    + TaskKeywords.describe(v));
            return null;
        }
        return p;
    }
}
