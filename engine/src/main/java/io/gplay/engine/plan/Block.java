package io.gplay.engine.plan;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Steps that run as Ansible's block: a host that fails one of {@code tasks} leaves them for {@code rescue}
 * (when there is one), and {@code always} runs on every host that entered, whatever happened. A host whose
 * rescue ends without a failure goes on with the play; any other failure stays. The keywords written on a
 * block ({@code when}, {@code tags}, {@code become}...) were given to each task inside when the plan was built,
 * so the runner finds them on the tasks. The title may be empty.
 */
public record Block(String title, List<Step> tasks, List<Step> rescue, List<Step> always, Source source)
        implements Step {
    public Block {
        tasks = List.copyOf(tasks);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }

    public Block withRescue(List<Step> steps) {
        return new Block(title, tasks, steps, always, source);
    }

    public Block withAlways(List<Step> steps) {
        return new Block(title, tasks, rescue, steps, source);
    }

    @Override
    public Stream<Task> tasksWithin() {
        return Stream.of(tasks, rescue, always).flatMap(List::stream).flatMap(Step::tasksWithin);
    }

    @Override
    public Block mapTasks(UnaryOperator<Task> f) {
        return new Block(title, map(tasks, f), map(rescue, f), map(always, f), source);
    }

    private static List<Step> map(List<Step> steps, UnaryOperator<Task> f) {
        return steps.stream().map(s -> s.mapTasks(f)).toList();
    }
}
