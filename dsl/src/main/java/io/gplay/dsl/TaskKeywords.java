package io.gplay.dsl;

import groovy.lang.Closure;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.TaskOptions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keywords of a task call ({@code when}, {@code loop}, {@code register}, {@code notify}...) read into its
 * {@link TaskOptions}, each value checked; a problem is reported at the call's line. A role's, task file's or
 * block's keywords are checked here too.
 */
final class TaskKeywords {
    /** The names of a call that are keywords, not module parameters. */
    static final Set<String> NAMES = Set.of("when", "loop", "register", "notify", "tags", "runOnce", "delegateTo",
            "ignoreErrors", "changedWhen", "failedWhen", "retries", "until", "delay", "become", "noLog", "check", "name",
            "listen", "anyErrorsFatal");

    /**
     * Names a per-host value reads as gplay's own: a result registered under one would be hidden by it. Not
     * {@code item} and {@code result}: outside a loop and an until, they read a result registered so.
     */
    private static final Set<String> SCOPE_NAMES = HostScope.NAMES.stream()
            .filter(n -> !n.equals("item") && !n.equals("result")).collect(Collectors.toUnmodifiableSet());

    private final BuildContext ctx;

    TaskKeywords(BuildContext ctx) {
        this.ctx = ctx;
    }

    TaskOptions options(Map<String, Object> k, Source at) {
        // read in the keywords' order, the order their problems are reported in; no delay given: the builder's
        TaskOptions.Builder options = TaskOptions.builder()
                .when(condition(k.get("when"), "when", at))
                .loop(ClosureValue.wrap(k.get("loop")))
                .register(register(k.get("register"), at))
                .handlers(strings(k.get("notify")))
                .tags(strings(k.get("tags")))
                .runOnce(bool(k.get("runOnce"), "runOnce", at))
                .delegateTo(ClosureValue.wrap(k.get("delegateTo")))
                .ignoreErrors(bool(k.get("ignoreErrors"), "ignoreErrors", at))
                .changedWhen(condition(k.get("changedWhen"), "changedWhen", at))
                .failedWhen(condition(k.get("failedWhen"), "failedWhen", at))
                .retries(k.get("retries") == null ? (k.get("until") != null ? 3 : 0)
                        : number(k.get("retries"), "retries", at).intValue())
                .until(condition(k.get("until"), "until", at));
        if (k.get("delay") != null) {
            options.delay(number(k.get("delay"), "delay", at).doubleValue());
        }
        return options
                .become(k.get("become") == null ? null : bool(k.get("become"), "become", at))
                .noLog(bool(k.get("noLog"), "noLog", at))
                .listen(strings(k.get("listen")))
                .anyErrorsFatal(k.get("anyErrorsFatal") == null ? null
                        : bool(k.get("anyErrorsFatal"), "anyErrorsFatal", at))
                .build();
    }

    private String register(Object v, Source at) {
        String name = v == null ? null : v.toString();
        if (name != null && SCOPE_NAMES.contains(name)) {
            ctx.problem(at, "register: '" + name + "' is a name gplay gives every per-host value (" + SCOPE_NAMES
                    .stream().sorted().toList() + "), so the result could not be read; choose another name");
        }
        return name;
    }

    static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(v.toString());
    }

    boolean bool(Object v, String what, Source at) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        ctx.problem(at, what + " must be true or false, got '" + v + "'");
        return false;
    }

    /**
     * A condition: a closure computed on each host, or a constant true or false. Anything else is refused, a
     * string above all: {@code when: 'x == 1'} (Ansible's form) would otherwise count as true, being non-empty.
     */
    Deferred condition(Object v, String what, Source at) {
        if (v == null || v instanceof Closure<?> || v instanceof Boolean) {
            return ClosureValue.condition(v);
        }
        ctx.problem(at, what + " must be a closure or true/false, got " + (v instanceof CharSequence ? "the string '"
                + v + "' (write it as a closure: " + what + ": " + AnsibleCondition.asClosure(v.toString()) + ")"
                : "'" + v + "'"));
        return null;
    }

    private Number number(Object v, String what, Source at) {
        if (v instanceof Number n) {
            return n;
        }
        ctx.problem(at, what + " must be a number, got '" + v + "'");
        return 0;
    }
}
