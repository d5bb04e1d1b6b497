package io.gplay.engine.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A module with its parameters (plain values or {@link Deferred}s) and keywords. A task taken in from a role
 * or a task file (or written in a block with {@code vars}) carries that use's variables: {@code vars} (its parameters and the role's vars, above the play's) and {@code defaults}
 * (a role's defaults, below the inventory's), each a plain value or a {@link Deferred}.
 */
public record Task(String title, String module, Map<String, Object> params, TaskOptions options, Source source,
                   Map<String, Object> vars, Map<String, Object> defaults) implements Step {
    public Task {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    public Task(String title, String module, Map<String, Object> params, TaskOptions options, Source source) {
        this(title, module, params, options, source, Map.of(), Map.of());
    }

    @Override
    public Stream<Task> tasksWithin() {
        return Stream.of(this);
    }

    @Override
    public Task mapTasks(UnaryOperator<Task> f) {
        return f.apply(this);
    }

    /** The same task as one of role {@code name}'s, unless it is of a role nearer it already. */
    public Task inRole(String name) {
        return new Task(title, module, params, options.inRole(name), source, vars, defaults);
    }

    /** How Ansible heads the task: {@code ROLE : TITLE} for a role's task, the title for the playbook's own. */
    public String heading() {
        return options.role() == null ? title : options.role() + " : " + title;
    }

    /** The same task with these tags added to its own (a play's tags, say). */
    public Task withTags(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> tags = new LinkedHashSet<>(options.tags());
        tags.addAll(more);
        return new Task(title, module, params, options.withTags(List.copyOf(tags)), source, vars, defaults);
    }

    /**
     * The same task as taken in by a role or task file: its {@code when} also asks {@code condition}, and the
     * use's variables lie under the task's own (a nested use's are nearer the task than an outer one's).
     */
    public Task takenIn(Deferred condition, Map<String, Object> outerVars, Map<String, Object> outerDefaults) {
        Map<String, Object> v = new LinkedHashMap<>(outerVars);
        v.putAll(vars);
        Map<String, Object> d = new LinkedHashMap<>(outerDefaults);
        d.putAll(defaults);
        return new Task(title, module, params, options.withCondition(condition), source, v, d);
    }
}
