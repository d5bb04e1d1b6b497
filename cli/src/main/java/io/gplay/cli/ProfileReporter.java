package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Stats;
import io.gplay.engine.report.TaskTimes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code --profile}: after the recap, the slowest tasks with their time on each host, as Ansible's
 * {@code profile_tasks} callback shows them.
 */
final class ProfileReporter implements Reporter {
    private static final int SHOWN = 20;

    private record Timing(Task task, String host, long millis) {
    }

    private final PrintStream out;
    private final TaskTimes times = new TaskTimes();
    private final List<Timing> timings = new ArrayList<>();

    ProfileReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void hostStart(Task task, Host host) {
        times.start(task, host);
    }

    @Override
    public synchronized void hostResult(Task task, Host host, Result result, Object item, Handled handled) {
        timings.removeIf(t -> t.task() == task && t.host().equals(host.name())); // a loop: the whole task
        timings.add(new Timing(task, host.name(), times.elapsedMillis(task, host)));
    }

    @Override
    public synchronized void recap(Map<String, Stats> stats, long elapsedMillis) {
        out.println();
        out.println("TASKS BY TIME (the slowest " + Math.min(SHOWN, timings.size()) + " of " + timings.size()
                + " task runs on hosts) " + "*".repeat(20));
        timings.stream().sorted(Comparator.comparingLong(Timing::millis).reversed()).limit(SHOWN)
                .forEach(t -> out.printf("%8.2f s  %-12s %s (%s)%n", t.millis() / 1000.0, t.host(), t.task().title(),
                        t.task().source()));
    }
}
