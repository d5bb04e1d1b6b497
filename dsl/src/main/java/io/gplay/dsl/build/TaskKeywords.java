package io.gplay.dsl.build;

import groovy.lang.Closure;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.TaskOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The keywords of a task call ({@code when}, {@code loop}, {@code register}, {@code notify}...) read into its
 * {@link TaskOptions}, each value checked, for the plan and {@code --syntax-check} alike; a problem goes to the
 * sink, which names the call's line. A role's, task file's or block's keywords are checked here too. A value
 * that is already {@link Deferred} is one {@code --syntax-check} does not know ({@link TaskCall#COMPUTED}): it is
 * taken as it comes, unchecked.
 */
final class TaskKeywords {
    /** The names of a call that are keywords, not module parameters. */
    static final Set<String> NAMES = Set.of("when", "loop", "register", "notify", "tags", "runOnce", "delegateTo",
            "ignoreErrors", "changedWhen", "failedWhen", "retries", "until", "delay", "become", "noLog", "check", "name",
            "listen", "anyErrorsFatal");

    /**
     * The problem with a name given to a module call that is neither a keyword nor a parameter of the module, with
     * Ansible's habit named ({@code ignore_errors}: did you mean 'ignoreErrors'?) or the nearest name; null for a
     * keyword or parameter, and for a fact's name given to a module that gathers them ({@code setFact}), unless it
     * is Ansible's way of writing a keyword.
     */
    static String misnamed(ModuleSpec spec, String name) {
        if (NAMES.contains(name) || spec.param(name).isPresent()
                || spec.gathered().isPresent() && !AnsibleHabits.isAnsibleKeyword(name, NAMES)) {
            return null;
        }
        Set<String> known = new TreeSet<>(NAMES);
        spec.params().forEach(p -> known.add(p.name()));
        return spec.name() + ": unknown parameter '" + name + "'" + AnsibleHabits.hint(name, known);
    }

    /**
     * Names a per-host value reads as gplay's own: a result registered under one would be hidden by it. Not
     * {@code item} and {@code result}: outside a loop and an until, they read a result registered so.
     */
    private static final Set<String> SCOPE_NAMES = HostScope.NAMES.stream()
            .filter(n -> !n.equals("item") && !n.equals("result")).collect(Collectors.toUnmodifiableSet());

    private final Consumer<String> problems;

    TaskKeywords(Consumer<String> problems) {
        this.problems = problems;
    }

    TaskOptions options(Map<String, Object> k) {
        // read in the keywords' order, the order their problems are reported in; no delay given: the builder's
        TaskOptions.Builder options = TaskOptions.builder()
                .when(condition(k.get("when"), "when"))
                .loop(loop(k.get("loop")))
                .register(register(k.get("register")))
                .handlers(names(k.get("notify"), "notify"))
                .tags(names(k.get("tags"), "tags"))
                .runOnce(bool(k.get("runOnce"), "runOnce"))
                .delegateTo(delegateTo(k.get("delegateTo")))
                .ignoreErrors(bool(k.get("ignoreErrors"), "ignoreErrors"))
                .changedWhen(condition(k.get("changedWhen"), "changedWhen"))
                .failedWhen(condition(k.get("failedWhen"), "failedWhen"))
                .retries(k.get("retries") == null ? (k.get("until") != null ? 3 : 0)
                        : number(k.get("retries"), "retries").intValue())
                .until(condition(k.get("until"), "until"));
        if (k.get("delay") != null) {
            options.delay(number(k.get("delay"), "delay").doubleValue());
        }
        return options
                .become(k.get("become") == null ? null : bool(k.get("become"), "become"))
                .noLog(bool(k.get("noLog"), "noLog"))
                .listen(names(k.get("listen"), "listen"))
                .anyErrorsFatal(k.get("anyErrorsFatal") == null ? null : bool(k.get("anyErrorsFatal"), "anyErrorsFatal"))
                .build();
    }

    private String register(Object v) {
        if (v == null || v instanceof Deferred) {
            return null;
        }
        if (!(v instanceof CharSequence)) {
            problems.accept("register must be a name, got " + describe(v));
            return null;
        }
        String name = v.toString();
        if (SCOPE_NAMES.contains(name)) {
            problems.accept("register: '" + name + "' is a name gplay gives every per-host value (" + SCOPE_NAMES
                    .stream().sorted().toList() + "), so the result could not be read; choose another name");
        }
        return name;
    }

    /** A list is looped over as it is; a closure gives one on each host. */
    Object loop(Object v) {
        if (v == null || v instanceof Closure<?> || v instanceof Iterable<?> || v instanceof Deferred) {
            return ClosureValue.wrap(v);
        }
        problems.accept("loop must be a list, or a closure that gives one on each host, got " + describe(v));
        return null;
    }

    private Object delegateTo(Object v) {
        if (v == null || v instanceof Closure<?> || v instanceof CharSequence || v instanceof Deferred) {
            return ClosureValue.wrap(v);
        }
        problems.accept("delegateTo must be a host's name, or a closure that gives one, got " + describe(v));
        return null;
    }

    /**
     * Names, as {@code notify}, {@code tags} and {@code listen} take them: one, or a list; those that code computes
     * and --syntax-check does not know are left out.
     */
    List<String> names(Object v, String what) {
        List<String> out = new ArrayList<>();
        for (Object n : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
            if (n instanceof CharSequence || n instanceof Number) {
                out.add(n.toString());
            } else if (!(n instanceof Deferred)) {
                problems.accept(what + " must be a name or a list of names, got " + describe(v));
                return List.of();
            }
        }
        return out;
    }

    /** Names as a block gives them to its tasks, unchecked: they were checked where the block is written. */
    static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(v.toString());
    }

    boolean bool(Object v, String what) {
        if (v == null || v instanceof Deferred) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.accept(what + " must be true or false, got " + describe(v));
        return false;
    }

    /**
     * A condition: a closure computed on each host, or a constant true or false. Anything else is refused, a
     * string above all: {@code when: 'x == 1'} (Ansible's form) would otherwise count as true, being non-empty.
     */
    Deferred condition(Object v, String what) {
        if (v instanceof Deferred d) {
            return d;
        }
        if (v == null || v instanceof Closure<?> || v instanceof Boolean) {
            return ClosureValue.condition(v);
        }
        problems.accept(what + " must be a closure or true/false, got " + (v instanceof CharSequence ? "the string '"
                + v + "' (write it as a closure: " + what + ": " + AnsibleCondition.asClosure(v.toString()) + ")"
                : describe(v)));
        return null;
    }

    private Number number(Object v, String what) {
        if (v instanceof Number n) {
            return n;
        }
        if (!(v instanceof Deferred)) {
            problems.accept(what + " must be a number, got " + describe(v));
        }
        return 0;
    }

    /** A value as a message shows it: a closure as such, not as its class's name. */
    static String describe(Object v) {
        return v instanceof Closure<?> ? "a closure" : "'" + v + "'";
    }
}
