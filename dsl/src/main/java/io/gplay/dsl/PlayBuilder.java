package io.gplay.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.gplay.engine.plan.Task;

import java.util.List;

/** The body of {@code play(...) { }}: module calls become tasks; {@code handlers { }} collects the handlers. */
public class PlayBuilder extends TaskCollector {
    final TaskCollector handlers;

    PlayBuilder(BuildContext ctx) {
        super(ctx);
        this.handlers = TaskCollector.forHandlers(ctx);
    }

    /** Tasks that run once at the end of the play on the hosts that notified them (by title). */
    public void handlers(@DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        body.setDelegate(handlers);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        ctx.within(handlers, body);
    }

    @Override
    TaskCollector handlerCollector() {
        return handlers;
    }

    List<Task> handlerTasks() {
        return handlers.allTasks();
    }
}
