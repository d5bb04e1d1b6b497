package io.gplay.dsl.build;

import io.gplay.dsl.check.StaticCheck;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.TaskOptions;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one rule that makes a module call a task, however the call is made: a playbook's, the console's and
 * {@code gplay exec}'s ({@link TaskCollector}, when the plan is made), and the source's as {@code --syntax-check}
 * reads it ({@link io.gplay.dsl.check.StaticCheck}, which gives the values written there, never running code). A call is a title and
 * named values; each named value is a parameter of the module or a keyword of the task ({@link #paramFor}), the
 * title fills the module's main parameter, and every problem the values show is said: the parameters against the
 * module's spec ({@link ParamValidator}), the keywords' values ({@link TaskKeywords}).
 *
 * @param title    the task's title; null when code computes it (known to the plan, not to --syntax-check)
 * @param params   the module's parameters, closures as per-host values
 * @param keywords the task's keywords, as written
 * @param options  the keywords read, under those of the blocks around
 */
public record TaskCall(String title, Map<String, Object> params, Map<String, Object> keywords, TaskOptions options) {
    /**
     * A value that code computes, which --syntax-check does not run: taken as a value known only on each host,
     * so nothing is said of it that the plan might not say.
     */
    public static final Deferred COMPUTED = scope -> {
        throw new IllegalStateException("a value --syntax-check does not know is never computed");
    };

    /**
     * Reads a call of {@code spec}'s module: its arguments as given (a title, maps of named values), with the
     * blocks around; each problem goes to {@code problems}, without the call's line.
     */
    public static TaskCall of(ModuleSpec spec, List<?> args, BlockKeywords inBlocks, Consumer<String> problems) {
        Map<String, Object> named = new LinkedHashMap<>();
        Object title = null;
        for (Object a : args) {
            if (a instanceof Map<?, ?> m) {
                m.forEach((k, v) -> named.put(String.valueOf(k), v));
            } else if ((a instanceof CharSequence || a == COMPUTED) && title == null) {
                title = a == COMPUTED ? a : a.toString();
            } else {
                problems.accept(spec.name() + ": unexpected argument " + TaskKeywords.describe(a)
                        + " (give a title and named parameters)");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> own = new LinkedHashMap<>();
        named.forEach((k, v) -> {
            String misnamed = TaskKeywords.misnamed(spec, k);
            String param = paramFor(spec, k);
            if (misnamed != null) {
                problems.accept(misnamed);
            } else if (param == null) {
                own.put(k, v);
            } else if (!param.equals(k)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> into = (Map<String, Object>) params.computeIfAbsent(param, g -> new LinkedHashMap<>());
                into.put(k, ClosureValue.wrap(v));
            } else {
                params.put(k, ClosureValue.wrap(v));
            }
        });
        if (own.containsKey("check")) {
            // Ansible's check_mode: false runs a task for real in a check run; here a check run changes nothing
            problems.accept("check: a check run changes nothing on any host, so no task runs for real in one;"
                    + " a command that only reads runs in check runs too when it says so: readOnly: true");
        }
        if (own.containsKey("name")) {
            Object name = own.get("name");
            if (title != null) {
                // the title would fill the main parameter and name: be the title, or name: fill it: both were meant
                problems.accept(spec.name() + ": the title is given twice, as the first argument and as name: "
                        + TaskKeywords.describe(name) + "; give it once");
            } else {
                title = name instanceof Deferred ? COMPUTED : String.valueOf(name);
            }
        }
        String primary = spec.primary().orElse(null);
        if (primary != null && title != null && !params.containsKey(primary)) {
            params.put(primary, title);
        }
        Set<String> deferred = new HashSet<>();
        params.forEach((k, v) -> {
            if (ClosureValue.holdsOne(v)) {
                deferred.add(k);
            }
        });
        if (own.containsKey("loop")) {
            deferred.addAll(params.keySet()); // each item's values are known only on the host
        }
        ParamValidator.problems(spec, params, deferred).forEach(problems);
        TaskOptions options = new TaskKeywords(problems).options(inBlocks.under(own)).withCondition(inBlocks.when());
        return new TaskCall(titleOf(spec, title, params), params, own, options);
    }

    /** The title given, else the module's name and its main parameter's value when that is known now. */
    private static String titleOf(ModuleSpec spec, Object title, Map<String, Object> params) {
        if (title != null) {
            return title == COMPUTED ? null : title.toString();
        }
        Object p = spec.primary().map(params::get).orElse(null);
        if (p == COMPUTED) {
            return null;
        }
        return spec.name() + (p == null || ClosureValue.holdsOne(p) ? "" : " " + p);
    }

    /**
     * Where a named value of a call of this module goes: null for a task keyword (a module's own {@code name}
     * parameter wins over the keyword), the gathering parameter for a name that is no parameter of a module that
     * gathers ({@code setFact 'ports', http: 80} sets {@code facts.http}), else the parameter of that name.
     */
    static String paramFor(ModuleSpec spec, String name) {
        boolean isParam = spec.param(name).isPresent();
        if (TaskKeywords.NAMES.contains(name) && !(isParam && name.equals("name"))) {
            return null;
        }
        return isParam ? name : spec.gathered().orElse(name);
    }

    /** A call by a name that is no module, no DSL method and no method of the tree's code. */
    public static String unknown(ModuleRegistry modules, String name) {
        return "unknown module or method '" + name + "'" + modules.didYouMean(name);
    }
}
