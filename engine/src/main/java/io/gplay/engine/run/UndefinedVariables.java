package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.Names;
import io.gplay.engine.plan.Block;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.Include;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Variables a task's per-host values read that no targeted host defines, found before any connection:
 * {@code 'app_versoin' is not defined for host h1 (did you mean 'app_version'?)}. Defined means set in the
 * inventory (with group_vars and host_vars), the play's vars, the variables of the role, task file or block a
 * task came from, the extra variables, or registered or set as a fact by a task of the playbook (or by
 * {@code includeVars}: any name of a vars file in its folders, or by a module whose spec sets facts,
 * {@code packageFacts}' {@code packages}) (a rescue's
 * {@code failedTask} and {@code failedResult} too, where the playbook has a rescue); a value the playbook reads
 * as optional ({@code vars.x ?: 'default'}) is not asked for (the DSL says which names a value needs,
 * {@link Deferred#variables()}).
 */
final class UndefinedVariables {
    private UndefinedVariables() {
    }

    static List<String> problems(Playbook playbook, Targets targets, ModuleRegistry modules) {
        Set<String> registered = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        playbook.requiredVars().forEach(r -> required.add(r.name()));
        playbook.plays().forEach(p -> Stream.concat(p.allTasks(), p.handlers().stream())
                .forEach(t -> registered.addAll(setBy(t, modules))));
        if (playbook.plays().stream().anyMatch(p -> rescues(p.tasks()))) {
            registered.addAll(TaskOnHost.FAILURE_NAMES);
        }
        List<String> out = new ArrayList<>();
        for (Play play : playbook.plays()) {
            List<Host> hosts = targets.of(play);
            for (Task task : Stream.of(play.allTasks(), play.handlers().stream(), includes(play.tasks()))
                    .flatMap(s -> s).toList()) {
                for (String name : needed(task)) {
                    if (registered.contains(name) || required.contains(name) || play.vars().containsKey(name)
                            || task.vars().containsKey(name) || task.defaults().containsKey(name)) {
                        continue;
                    }
                    List<String> missing = hosts.stream().filter(h -> !h.vars().containsKey(name)).map(Host::name).toList();
                    if (!missing.isEmpty()) {
                        out.add(task.source() + ": '" + name + "' is not defined for " + (missing.size() == 1 ? "host "
                                : "hosts ") + String.join(", ", missing) + hint(name, play, hosts, registered));
                    }
                }
            }
        }
        return out;
    }

    /** The names a task gives the tasks after it: the one it registers, the facts it sets. */
    private static Set<String> setBy(Task task, ModuleRegistry modules) {
        Set<String> names = new LinkedHashSet<>();
        if (task.options().register() != null) {
            names.add(task.options().register());
        }
        if (task.module().equals(TaskOnHost.SET_FACT_MODULE) && task.params().get("facts") instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        if (task.module().equals(TaskOnHost.INCLUDE_VARS_MODULE) && task.params().get("paths") instanceof List<?> paths) {
            names.addAll(VarsFileNames.in(paths)); // which file a host reads is known only then: any of them
        }
        modules.find(task.module()).ifPresent(m -> names.addAll(m.spec().factsSet(task.params())));
        return names;
    }

    /** Whether a block among these steps, however deep, has a rescue, which is given the failure's names. */
    private static boolean rescues(List<Step> steps) {
        return steps.stream().anyMatch(s -> s instanceof Block b
                && (!b.rescue().isEmpty() || rescues(b.tasks()) || rescues(b.always()))
                || s instanceof Include i && rescues(i.allSteps()));
    }

    /** The headers of the includes among these steps, however deep: their when and loop read variables too. */
    private static Stream<Task> includes(List<Step> steps) {
        return steps.stream().flatMap(s -> s instanceof Include i ? Stream.concat(Stream.of(i.header()), includes(i.allSteps()))
                : s instanceof Block b ? Stream.of(b.tasks(), b.rescue(), b.always()).flatMap(l -> includes(l).toList().stream())
                : Stream.empty());
    }

    private static Set<String> needed(Task task) {
        TaskOptions o = task.options();
        Set<String> names = new LinkedHashSet<>(Deferred.variablesIn(task.params()));
        for (Object v : Arrays.asList(o.when(), o.loop(), o.delegateTo(), o.changedWhen(), o.failedWhen(), o.until())) {
            names.addAll(Deferred.variablesIn(v));
        }
        if (o.when() != null) {
            names.removeAll(o.when().tests()); // the task runs only where its condition found them
        }
        return names;
    }

    private static String hint(String name, Play play, List<Host> hosts, Set<String> registered) {
        Set<String> known = new TreeSet<>(registered);
        known.addAll(play.vars().keySet());
        hosts.forEach(h -> known.addAll(h.vars().keySet()));
        String closest = Names.didYouMean(name, known);
        return closest.isEmpty() ? " (set it in the inventory, the play's vars or with -e; vars." + name
                + " ?: 'default' gives it a default)" : closest;
    }
}
