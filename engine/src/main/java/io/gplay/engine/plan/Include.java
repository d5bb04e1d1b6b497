package io.gplay.engine.plan;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code includeTasks}: a task file's steps, built and checked with the plan, that the runner takes in on each
 * host when it reaches them, as Ansible's include_tasks does. The {@code header} carries the include's own
 * keywords: its {@code when}, asked once per host when reached (not again before each task inside, as an
 * {@code importTasks}'s is), its {@code loop} (the steps run once per item, {@code item} in their scope), its tags
 * (which select the include, not the tasks inside) and the variables it was given; its module is {@link #MODULE},
 * which is run by nothing. {@link #tasksWithin} gives the tasks inside, not the header.
 */
public record Include(Task header, List<Step> steps) implements Step {
    /** The header's module: a name no module has. */
    public static final String MODULE = "includeTasks";

    public Include {
        steps = List.copyOf(steps);
    }

    @Override
    public Source source() {
        return header.source();
    }

    @Override
    public Stream<Task> tasksWithin() {
        return steps.stream().flatMap(Step::tasksWithin);
    }

    /** {@code f} on the header and every task inside: what a block or role around gives applies to both. */
    @Override
    public Include mapTasks(UnaryOperator<Task> f) {
        return new Include(f.apply(header), steps.stream().map(s -> s.mapTasks(f)).toList());
    }
}
