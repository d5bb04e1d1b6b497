package io.gplay.engine.run;

import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Include;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Reporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One task on some hosts at once (up to {@code forks}, the pool's size), then back to the walk: {@code runOnce}
 * on the first host only, its result then left on the others ({@link TaskRecord#runOnce}: registered, facts, a
 * failure). An error of gplay's own is reported, not thrown.
 */
final class TaskDispatch {
    private final RunState state;
    private final Reporter reporter;
    private final ExecutorService pool;
    private final TaskOnHost taskOnHost;
    private final TaskRecord record;

    TaskDispatch(RunState state, Reporter reporter, ExecutorService pool, TaskOnHost taskOnHost) {
        this.state = state;
        this.reporter = reporter;
        this.pool = pool;
        this.taskOnHost = taskOnHost;
        this.record = new TaskRecord(state, reporter);
    }

    /** Runs the task; each host's result (a runOnce task's for all), none for a host where gplay's code failed. */
    Map<HostRun, Result> run(Play play, Task task, List<HostRun> hosts, boolean handler) {
        Map<HostRun, Result> results = new ConcurrentHashMap<>();
        if (hosts.isEmpty()) {
            return results;
        }
        reporter.taskStart(task, handler);
        if (task.options().runOnce()) {
            HostRun first = hosts.get(0);
            Result r;
            try {
                r = taskOnHost.run(play, task, first);
            } catch (RuntimeException | Error e) {
                internalError(task, e);
                return results;
            }
            hosts.subList(1, hosts.size()).forEach(other -> record.runOnce(task, r, first, other));
            hosts.forEach(h -> results.put(h, r));
            return results;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (HostRun h : hosts) {
            futures.add(pool.submit(() -> results.put(h, taskOnHost.run(play, task, h))));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                state.interrupted = true;
            } catch (ExecutionException e) {
                internalError(task, e.getCause());
            }
        }
        return results;
    }

    /**
     * Whether and how often an include takes its steps in on each host ({@link TaskOnHost#includes}), asked on
     * one host after another: no connection is needed, only the host's variables.
     */
    Map<HostRun, List<IncludePick>> include(Play play, Include include, List<HostRun> hosts) {
        Task header = include.header();
        Map<HostRun, List<IncludePick>> items = new LinkedHashMap<>();
        if (hosts.isEmpty()) {
            return items;
        }
        reporter.taskStart(header, false);
        for (HostRun h : hosts) {
            try {
                items.put(h, taskOnHost.includes(play, include, h));
            } catch (RuntimeException | Error e) {
                internalError(header, e);
                items.put(h, List.of());
            }
        }
        return items;
    }

    /**
     * What gplay's own code threw (what the playbook's code throws fails its task instead,
     * {@link io.gplay.engine.plan.PlaybookCodeFailure}): its text may hold the task's values, so a noLog task's
     * names only the kind of error.
     */
    private void internalError(Task task, Throwable e) {
        state.internalError = true;
        reporter.warning("internal error in task '" + task.title() + "': "
                + (task.options().noLog() ? e.getClass().getName() + " (its text is hidden: noLog)" : e));
    }
}
