package io.gplay.engine.plan;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** {@code flushHandlers()}: the handlers notified so far run here, on the hosts that reach it, not at the play's end. */
public record FlushHandlers(Source source) implements Step {
    @Override
    public Stream<Task> tasksWithin() {
        return Stream.empty();
    }

    @Override
    public Step mapTasks(UnaryOperator<Task> f) {
        return this;
    }
}
