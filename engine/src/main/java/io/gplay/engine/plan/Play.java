package io.gplay.engine.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hosts, the variables every task sees, and the steps and handlers that run on them: {@code tasks} is a tree
 * of {@link Step}s (tasks, blocks, flushes of the handlers); how it goes through its hosts (batches, and the
 * failures that stop it) is its {@link Rollout}; the uses of roles that declare their options, whose values the
 * preflight checks, its {@link RoleArguments}.
 */
public record Play(String name, String hosts, Map<String, Object> vars, Rollout rollout, boolean become,
                   String becomeUser, boolean gatherFacts, List<Step> tasks, List<Task> handlers, Source source,
                   List<RoleArguments> roleArguments) {
    public Play {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        tasks = List.copyOf(tasks);
        handlers = List.copyOf(handlers);
        roleArguments = List.copyOf(roleArguments);
    }

    /** A play that uses no role declaring its options. */
    public Play(String name, String hosts, Map<String, Object> vars, Rollout rollout, boolean become,
                String becomeUser, boolean gatherFacts, List<Step> tasks, List<Task> handlers, Source source) {
        this(name, hosts, vars, rollout, become, becomeUser, gatherFacts, tasks, handlers, source, List.of());
    }

    /** Every task of the play's steps, those in blocks too, in the order written (handlers not included). */
    public Stream<Task> allTasks() {
        return tasks.stream().flatMap(Step::tasksWithin);
    }
}
