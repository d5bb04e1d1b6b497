package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.plan.Block;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Include;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.run.Runner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code --list-hosts} and {@code --list-tasks}: the plan as the run would go, printed instead of run. */
final class PlanListing {
    private final Playbook plan;
    private final Runner runner;
    private final PrintStream out;
    private final String startAt;
    private boolean started;

    PlanListing(Playbook plan, Runner runner, PrintStream out) {
        this.plan = plan;
        this.runner = runner;
        this.out = out;
        this.startAt = runner.options().startAtTask();
        this.started = startAt == null;
    }

    /**
     * Each play with its hosts; with {@code tasks}, also the tasks that --tags, --skip-tags and --start-at-task
     * leave in (flushes unlisted), a block's nested under it, and the handlers; the play's gates with their checks
     * first (whatever the tags: a gate is asked whichever tasks run).
     */
    void print(boolean tasks) {
        out.println("playbook: " + plan.name());
        for (Play play : plan.plays()) {
            List<Host> hosts = runner.hostsOf(play);
            out.println();
            out.println("  play: " + play.name() + " (hosts: " + play.hosts() + ")");
            out.println("    hosts (" + hosts.size() + "): " + String.join(" ", hosts.stream().map(Host::name).toList()));
            if (!tasks) {
                continue;
            }
            for (Gate g : play.rollout().gates()) {
                out.println("    gate: " + g.title() + " (" + (g.before() ? g.after() ? "before and after" : "before" : "after")
                        + " each batch, " + g.timeoutSeconds() + " s at most)  (" + g.source() + ")");
                g.checks().forEach(t -> out.println("      " + t.title() + "  [" + t.module() + "]  (" + t.source() + ")"));
            }
            out.println("    tasks:");
            lines(play.tasks(), "      ").forEach(out::println);
            if (!play.handlers().isEmpty()) {
                out.println("    handlers: " + String.join(", ", play.handlers().stream().map(Task::title).toList()));
            }
        }
    }

    /** The lines of these steps, indented; a block none of whose tasks is left in is left out. */
    private List<String> lines(List<Step> steps, String indent) {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Task t) {
                started = started || t.title().equals(startAt) || t.heading().equals(startAt);
                if (started && runner.selects(t)) {
                    out.add(indent + t.title() + "  [" + t.module() + "]"
                            + (t.options().tags().isEmpty() ? "" : " TAGS: " + t.options().tags()) + "  (" + t.source() + ")");
                }
            } else if (s instanceof Block b) {
                List<String> tasks = lines(b.tasks(), indent + "  ");
                List<String> rescue = lines(b.rescue(), indent + "    ");
                List<String> always = lines(b.always(), indent + "    ");
                if (tasks.isEmpty() && rescue.isEmpty() && always.isEmpty()) {
                    continue;
                }
                out.add(indent + "block" + (b.title().isEmpty() ? "" : ": " + b.title()) + "  (" + b.source() + ")");
                out.addAll(tasks);
                section(out, indent + "  rescue:", rescue);
                section(out, indent + "  always:", always);
            } else if (s instanceof Include i && runner.selects(i.header())) {
                include(out, i, indent);
            }
        }
        return out;
    }

    /**
     * An include and the tasks it may take in; one whose file is chosen per host lists each file it may pick, under
     * the file's name.
     */
    private void include(List<String> out, Include i, String indent) {
        List<String> tasks = new ArrayList<>();
        i.files().forEach((file, steps) -> {
            List<String> lines = lines(steps, indent + (i.perHost() ? "    " : "  "));
            if (i.perHost() && !lines.isEmpty()) {
                tasks.add(indent + "  " + file + ":");
            }
            tasks.addAll(lines);
        });
        if (!tasks.isEmpty()) {
            out.add(indent + i.header().title() + "  (per host when reached)" + "  (" + i.source() + ")");
            out.addAll(tasks);
        }
    }

    private static void section(List<String> out, String head, List<String> lines) {
        if (!lines.isEmpty()) {
            out.add(head);
            out.addAll(lines);
        }
    }
}
