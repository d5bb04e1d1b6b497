package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.run.Runner;

import java.io.PrintStream;
import java.util.List;

/** {@code --list-hosts} and {@code --list-tasks}: the plan as the run would go, printed instead of run. */
final class PlanListing {
    private final Playbook plan;
    private final Runner runner;
    private final PrintStream out;

    PlanListing(Playbook plan, Runner runner, PrintStream out) {
        this.plan = plan;
        this.runner = runner;
        this.out = out;
    }

    /**
     * Each play with its hosts; with {@code tasks}, also the tasks that --tags, --skip-tags and --start-at-task
     * leave in (flushes unlisted) and the handlers.
     */
    void print(boolean tasks) {
        out.println("playbook: " + plan.name());
        String startAt = runner.options().startAtTask();
        boolean started = startAt == null;
        for (Play play : plan.plays()) {
            List<Host> hosts = runner.hostsOf(play);
            out.println();
            out.println("  play: " + play.name() + " (hosts: " + play.hosts() + ")");
            out.println("    hosts (" + hosts.size() + "): " + String.join(" ", hosts.stream().map(Host::name).toList()));
            if (!tasks) {
                continue;
            }
            out.println("    tasks:");
            for (Task t : play.tasks()) {
                started = started || t.title().equals(startAt);
                if (!started || t.isFlush() || !runner.selects(t)) {
                    continue;
                }
                out.println("      " + t.title() + "  [" + t.module() + "]"
                        + (t.options().tags().isEmpty() ? "" : " TAGS: " + t.options().tags())
                        + "  (" + t.source() + ")");
            }
            if (!play.handlers().isEmpty()) {
                out.println("    handlers: " + String.join(", ", play.handlers().stream().map(Task::title).toList()));
            }
        }
    }
}
