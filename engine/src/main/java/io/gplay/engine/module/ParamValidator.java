package io.gplay.engine.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and coerces a task's parameters against its module's spec; every problem is reported, not just the first. */
public final class ParamValidator {
    private ParamValidator() {
    }

    /**
     * Problems with the parameters whose values are known now, each alone and across them ({@link ModuleSpec#rules});
     * {@code deferred} ones are known to be given, their values checked on each host.
     */
    public static List<String> problems(ModuleSpec spec, Map<String, Object> params, java.util.Set<String> deferred) {
        List<String> out = new ArrayList<>();
        for (var e : params.entrySet()) {
            var p = spec.param(e.getKey());
            if (p.isEmpty()) {
                out.add(spec.name() + ": unknown parameter '" + e.getKey() + "'"
                        + Names.didYouMean(e.getKey(), spec.params().stream().map(Param::name).toList()));
            } else if (!deferred.contains(e.getKey())) {
                String problem = valueProblem(spec, p.get(), e.getValue());
                if (problem != null) {
                    out.add(problem);
                }
            }
        }
        for (Param p : spec.params()) {
            if (p.required() && params.get(p.name()) == null && !deferred.contains(p.name())) {
                out.add(spec.name() + ": missing required parameter '" + p.name() + "'");
            }
        }
        for (ParamRule r : spec.rules()) {
            String problem = r.problem(spec, params, deferred);
            if (problem != null) {
                out.add(problem);
            }
        }
        return out;
    }

    /**
     * Why a value does not fit a parameter (its type, choices, a NUL character, Jinja2 left in it), or null when
     * it fits.
     */
    public static String valueProblem(ModuleSpec spec, Param p, Object value) {
        if (value == null) {
            return null;
        }
        if (holdsNul(value)) {
            // sshd drops a connection whose command line holds one; no file name or argument can hold one either
            return spec.name() + ": parameter '" + p.name() + "' holds a NUL character (\\0), which no command line"
                    + " or file name can carry";
        }
        Object v = p.type().coerce(value);
        if (v == null && p.type() == ParamType.REGEX && value instanceof CharSequence s) {
            return spec.name() + ": parameter '" + p.name() + "' is no regular expression: "
                    + ParamType.regexProblem(s.toString()) + " in '" + s + "'";
        }
        if (v == null && p.type() == ParamType.PATH && value instanceof CharSequence s) {
            return spec.name() + ": parameter '" + p.name() + "' must be an absolute path, got '" + s + "'"
                    + (spec.primary().filter(p.name()::equals).isPresent()
                    ? " (a task's title is its " + p.name() + " when " + p.name() + ": is not given)" : "");
        }
        if (v == null) {
            return spec.name() + ": parameter '" + p.name() + "' must be " + article(p.type()) + ", got "
                    + value.getClass().getSimpleName() + " " + abbreviate(value);
        }
        if (!p.choices().isEmpty() && !p.choices().contains(v.toString())) {
            return spec.name() + ": parameter '" + p.name() + "' must be one of " + p.choices() + ", got '" + v + "'";
        }
        return JinjaLeftovers.problem(spec, p, value);
    }

    private static boolean holdsNul(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString().indexOf('\0') >= 0;
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(ParamValidator::holdsNul);
        }
        return v instanceof java.util.Collection<?> c && c.stream().anyMatch(ParamValidator::holdsNul);
    }

    /** Validated parameters with defaults filled in and values coerced; throws with every problem listed. */
    public static Map<String, Object> resolve(ModuleSpec spec, Map<String, Object> params) {
        List<String> problems = problems(spec, params, java.util.Set.of());
        if (!problems.isEmpty()) {
            throw new ModuleFailure(String.join("; ", problems));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            Object v = params.get(p.name());
            out.put(p.name(), v == null ? p.defaultValue() : p.type().coerce(v));
        }
        return out;
    }

    private static String article(ParamType t) {
        return switch (t) {
            case INT -> "an int";
            case MODE -> "an octal mode such as '0644'";
            case REGEX -> "a regular expression";
            case CHECK_COMMAND -> "a command naming the file it checks as %s, such as 'visudo -cf %s'";
            case ANY -> "a value";
            default -> "a " + t.label();
        };
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
