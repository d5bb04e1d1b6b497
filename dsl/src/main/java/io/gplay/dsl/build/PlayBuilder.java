package io.gplay.dsl.build;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code play(...) { }}: module calls become tasks; {@code handlers { }} collects the handlers,
 * {@code gate('title', ...) { }} a health gate's checks.
 */
public class PlayBuilder extends TaskCollector {
    final TaskCollector handlers;
    final List<Gate> gates = new ArrayList<>();

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

    /**
     * A health gate around each batch of the play: {@code gate('the cluster is healthy', timeout: 600, delay: 10)
     * { checks }}; the checks are tasks that only read, and all must pass before a batch starts and after it ends
     * ({@code before:}, {@code after:}). See {@link Gate}.
     */
    public void gate(Map<String, Object> options, String title,
                     @DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        Source at = ctx.here();
        GateOptions o = GateOptions.read(title, options, p -> ctx.problem(at, p));
        TaskCollector checks = TaskCollector.forGate(ctx);
        body.setDelegate(checks);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        ctx.within(checks, body);
        if (checks.allTasks().isEmpty()) {
            ctx.problem(at, "gate '" + title + "': no checks; give the tasks that must pass, e.g. ctdbStatus ...,"
                    + " failedWhen: { !result.healthy }");
        }
        gates.add(new Gate(title, checks.allTasks(), o.before, o.after, o.timeout, o.delay, at));
    }

    public void gate(String title, Map<String, Object> options,
                     @DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        gate(options, title, body);
    }

    public void gate(String title,
                     @DelegatesTo(value = TaskCollector.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        gate(Map.of(), title, body);
    }

    @Override
    TaskCollector handlerCollector() {
        return handlers;
    }

    List<Task> handlerTasks() {
        return handlers.allTasks();
    }
}
