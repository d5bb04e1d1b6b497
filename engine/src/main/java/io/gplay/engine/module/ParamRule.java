package io.gplay.engine.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule across a module's parameters, as Ansible's argument_spec has them ({@code required_one_of},
 * {@code mutually_exclusive}, {@code required_if}): checked by {@link ParamValidator} with the parameters themselves,
 * so when the plan is made, and shown by {@code gplay doc}. A parameter is given when it has a value or a per-host one.
 * The rule applies when each parameter of {@code when} has the value named there, given or its default when it is
 * not given; a condition on a per-host value is decided on each host, when the task runs.
 */
public record ParamRule(Kind kind, Map<String, Object> when, List<String> params, Object value) {
    public enum Kind {
        /** At least one of {@code params} is given. */
        ONE_OF,
        /** At most one of {@code params} is given. */
        EXCLUSIVE,
        /** Every one of {@code params} is given. */
        ALL,
        /** The one parameter of {@code params} is {@code value}, given or by default. */
        VALUE
    }

    public ParamRule {
        when = Collections.unmodifiableMap(new LinkedHashMap<>(when));
        params = List.copyOf(params);
    }

    /** What breaks the rule, as the fix to make; null when it holds, or when it is decided on each host. */
    String problem(ModuleSpec spec, Map<String, Object> given, Set<String> deferred) {
        List<String> conditions = new ArrayList<>();
        for (var c : when.entrySet()) {
            if (deferred.contains(c.getKey()) || !same(valueOf(spec, given, c.getKey()), c.getValue())) {
                return null;
            }
            conditions.add(c.getKey() + " is " + quoted(c.getValue()) + (given.get(c.getKey()) == null ? " (the default)" : ""));
        }
        String where = conditions.isEmpty() ? "" : " when " + String.join(" and ", conditions);
        if (kind == Kind.VALUE) {
            String name = params.get(0);
            Object actual = valueOf(spec, given, name);
            if (deferred.contains(name) || same(actual, value) || (actual == null && given.get(name) != null)) {
                return null; // a value of the wrong type is reported as such
            }
            return spec.name() + ": parameter '" + name + "' must be " + quoted(value) + where + ", "
                    + (actual == null ? "got nothing" : "got " + quoted(actual));
        }
        List<String> there = params.stream().filter(p -> given.get(p) != null || deferred.contains(p)).toList();
        String give = switch (kind) {
            case ONE_OF -> there.isEmpty() ? list(params, " or ") : null;
            case EXCLUSIVE -> there.size() > 1 ? "only one of " + list(there, " and ") : null;
            default -> there.size() < params.size() ? list(params.stream().filter(p -> !there.contains(p)).toList(), " and ") : null;
        };
        return give == null ? null : spec.name() + ": give " + give + where;
    }

    /** The rule in words, for {@code gplay doc}: "src is required when state is link". */
    public String text() {
        String names = String.join(", ", params);
        String rule = switch (kind) {
            case ONE_OF -> params.size() == 1 ? names + " is required" : "one of " + names + " is required";
            case EXCLUSIVE -> names + " are mutually exclusive";
            case ALL -> names + (params.size() == 1 ? " is" : " are") + " required";
            case VALUE -> names + " must be " + value;
        };
        return rule + (when.isEmpty() ? "" : " when " + when.entrySet().stream()
                .map(c -> c.getKey() + " is " + c.getValue()).collect(Collectors.joining(" and ")));
    }

    /** The parameter's value as the module will see it: given and coerced, else its default. */
    private static Object valueOf(ModuleSpec spec, Map<String, Object> given, String name) {
        Param p = spec.param(name).orElseThrow();
        Object v = given.get(name);
        return v == null ? p.defaultValue() : p.type().coerce(v);
    }

    private static boolean same(Object actual, Object expected) {
        return actual != null && String.valueOf(actual).equals(String.valueOf(expected));
    }

    private static String quoted(Object v) {
        return v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v);
    }

    private static String list(List<String> names, String last) {
        List<String> q = names.stream().map(n -> "'" + n + "'").toList();
        return q.size() == 1 ? q.get(0) : String.join(", ", q.subList(0, q.size() - 1)) + last + q.get(q.size() - 1);
    }
}
