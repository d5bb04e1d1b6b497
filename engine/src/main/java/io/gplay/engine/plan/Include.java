package io.gplay.engine.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code includeTasks}: a task file's steps, built and checked with the plan, that the runner takes in on each
 * host when it reaches them, as Ansible's include_tasks does. The {@code header} carries the include's own
 * keywords: its {@code when}, asked once per host when reached (not again before each task inside, as an
 * {@code importTasks}'s is), its {@code loop} (the steps run once per item, {@code item} in their scope), its tags
 * (which select the include, not the tasks inside) and the variables it was given; its module is {@link #MODULE},
 * which is run by nothing.
 *
 * <p>Its {@code file} parameter names the file: a literal name, the one key of {@code files}; or, computed on
 * each host when the run reaches it, a {@link Deferred}, and {@code files} then holds every file the name may
 * pick (read from the closure as written, D53), each built and checked with the plan. A host
 * whose name picks none of them fails there. {@link #tasksWithin} gives the tasks of every file, not the header.
 */
public record Include(Task header, Map<String, List<Step>> files) implements Step {
    /** The header's module: a name no module has. */
    public static final String MODULE = "includeTasks";

    public Include {
        Map<String, List<Step>> copy = new LinkedHashMap<>();
        files.forEach((name, steps) -> copy.put(name, List.copyOf(steps)));
        files = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether the file is chosen on each host, its name computed there. */
    public boolean perHost() {
        return header.params().get("file") instanceof Deferred;
    }

    /** The steps of every file the include may take in, one file after the other. */
    public List<Step> allSteps() {
        return files.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public Source source() {
        return header.source();
    }

    @Override
    public Stream<Task> tasksWithin() {
        return allSteps().stream().flatMap(Step::tasksWithin);
    }

    /** {@code f} on the header and every task inside: what a block or role around gives applies to both. */
    @Override
    public Include mapTasks(UnaryOperator<Task> f) {
        Map<String, List<Step>> mapped = new LinkedHashMap<>();
        files.forEach((name, steps) -> mapped.put(name, steps.stream().map(s -> s.mapTasks(f)).toList()));
        return new Include(f.apply(header), mapped);
    }
}
