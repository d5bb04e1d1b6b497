package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.Names;
import io.gplay.engine.plan.Block;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.vault.SecretMask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Problems found before any connection: a {@code --limit} that matches no host, a {@code --start-at-task}
 * that names no task, connection variables that cannot be used, variables the playbook requires that a
 * targeted host lacks, a role option's value from outside the role's call that its spec refuses
 * ({@link RoleArgumentValues}), a literal {@code delegateTo} naming no host of the inventory, variables a task reads that
 * no targeted host defines ({@link UndefinedVariables}), a secret on a command's command line
 * ({@link SecretArguments}).
 */
final class Preflight {
    private Preflight() {
    }

    /** {@code variables}: also the variables tasks read, which a listing of the plan does not need. */
    static List<String> problems(Playbook playbook, Targets targets, RunOptions opts, boolean variables,
                                 ModuleRegistry modules) {
        List<String> problems = new ArrayList<>();
        // as ansible-playbook: a limit that leaves no host is an error (a typo in a CI job's -l is not a green run)
        if (targets.limitMatchesNothing()) {
            problems.add("--limit '" + opts.limit() + "' matches no host of the inventory");
        }
        if (opts.startAtTask() != null) {
            List<Task> startable = playbook.plays().stream().flatMap(p -> startable(p.tasks())).toList();
            if (startable.stream().noneMatch(t -> StartAt.names(t, opts.startAtTask()))) {
                List<String> titles = startable.stream().flatMap(t -> Stream.of(t.title(), t.heading())).distinct().toList();
                boolean inRescue = playbook.plays().stream().flatMap(Play::allTasks)
                        .anyMatch(t -> StartAt.names(t, opts.startAtTask()));
                problems.add("--start-at-task '" + opts.startAtTask() + "': " + (inRescue
                        ? "that task is in a block's rescue, which runs only after a failure in the block: start at"
                        + " a task before it" : "no task has this title" + Names.didYouMean(opts.startAtTask(), titles)));
            }
        }
        Set<Host> targeted = new LinkedHashSet<>();
        playbook.plays().forEach(p -> targeted.addAll(targets.of(p)));
        for (Host h : targeted) {
            problems.addAll(Connections.problems(h));
        }
        for (Playbook.RequiredVar rv : playbook.requiredVars()) {
            for (Play play : playbook.plays()) {
                for (Host h : targets.of(play)) {
                    if (!h.vars().containsKey(rv.name()) && !play.vars().containsKey(rv.name())) {
                        String p = rv.source() + ": required variable '" + rv.name() + "' is not set for host "
                                + h.name() + (rv.doc().isEmpty() ? "" : " (" + rv.doc() + ")");
                        if (!problems.contains(p)) {
                            problems.add(p);
                        }
                    }
                }
            }
        }
        if (variables) {
            problems.addAll(RoleArgumentValues.problems(playbook, targets, opts.extraVars()));
            problems.addAll(delegates(playbook, targets));
            problems.addAll(UndefinedVariables.problems(playbook, targets, modules));
            problems.addAll(SecretArguments.problems(playbook, targets, SecretMask.global()));
        }
        return problems;
    }

    /**
     * A {@code delegateTo} written as a host's name that the inventory does not have: found now rather than as a
     * failure of the task on every host. A per-host one is known only when the task runs.
     */
    private static List<String> delegates(Playbook playbook, Targets targets) {
        Set<String> out = new LinkedHashSet<>();
        for (Play play : playbook.plays()) {
            Stream<Task> gates = play.rollout().gates().stream().flatMap(g -> g.checks().stream());
            Stream.of(play.allTasks(), play.handlers().stream(), gates).flatMap(s -> s)
                    .filter(t -> t.options().delegateTo() instanceof CharSequence)
                    .filter(t -> targets.host(t.options().delegateTo().toString()) == null)
                    .forEach(t -> out.add(t.source() + ": delegateTo '" + t.options().delegateTo() + "' is no host of the"
                            + " inventory" + Names.didYouMean(t.options().delegateTo().toString(), targets.hostNames())));
        }
        return List.copyOf(out);
    }

    /** The tasks a run can start at: all but those of a rescue, which nothing reaches while tasks are skipped. */
    private static Stream<Task> startable(List<Step> steps) {
        return steps.stream().flatMap(s -> s instanceof Block b
                ? Stream.concat(startable(b.tasks()), startable(b.always())) : s.tasksWithin());
    }
}
