package io.gplay.engine.plan;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One step of a play's tasks: a {@link Task}, a {@link Block} of steps with its rescue and always, or a
 * {@link FlushHandlers}, or an {@link Include} taken in per host. A play's plan is a tree of them, which the
 * runner walks in the order written.
 */
public sealed interface Step permits Task, Block, FlushHandlers, Include {
    Source source();

    /** Every task of this step in the order written: the task itself, or a block's tasks, rescue and always. */
    Stream<Task> tasksWithin();

    /** This step with {@code f} applied to each of its tasks, however deep (a role's variables, a play's tags). */
    Step mapTasks(UnaryOperator<Task> f);
}
