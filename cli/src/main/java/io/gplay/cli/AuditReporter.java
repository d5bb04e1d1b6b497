package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Change;
import io.gplay.engine.report.TerminalText;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Stats;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The audit's report: per host, each task out of line with its diff; failures and unreachable hosts; a summary. */
final class AuditReporter implements Reporter {
    private record Finding(String task, String source, Result result, Handled handled) {
    }

    private final PrintStream out;
    private final boolean colour;
    private final Map<String, List<Finding>> findings = new TreeMap<>();

    AuditReporter(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public synchronized void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
        if (r.status() == Status.CHANGED || r.status() == Status.FAILED || r.status() == Status.UNREACHABLE) {
            findings.computeIfAbsent(host.name(), h -> new ArrayList<>())
                    .add(new Finding(task.title() + (item == null ? "" : " (item=" + item + ")"), task.source().toString(), r,
                            handled));
        }
    }

    @Override
    public synchronized void recap(Map<String, Stats> stats, long elapsedMillis) {
        int drifted = 0;
        for (var host : stats.keySet()) {
            List<Finding> list = findings.getOrDefault(host, List.of());
            out.println(paint(list.isEmpty() ? "32" : "33", "HOST " + host + ": "
                    + (list.isEmpty() ? "in line with the playbook" : list.size() + " finding(s)")));
            for (Finding f : list) {
                Result r = f.result();
                String kind = r.status() == Status.CHANGED ? "DRIFT" : r.status().name()
                        + (f.handled() == Handled.NO ? "" : " (" + f.handled().label() + ")");
                out.println("  " + paint(r.status() == Status.CHANGED ? "33" : "31", kind) + " [" + f.task() + "] ("
                        + f.source() + ")");
                if (r.status() == Status.CHANGED) {
                    drifted++;
                    for (Change c : r.changes()) {
                        out.println("    would " + TerminalText.escaped(c.description()));
                        c.optionalDiff().ifPresent(d -> TerminalText.escaped(d.unified()).lines()
                                .forEach(l -> out.println("    " + l)));
                    }
                } else {
                    out.println("    " + TerminalText.escaped(String.valueOf(r.msg())));
                }
            }
        }
        long hostsDrifted = findings.values().stream()
                .filter(l -> l.stream().anyMatch(f -> f.result().status() == Status.CHANGED)).count();
        out.printf("%nAUDIT SUMMARY: %d host(s), %d drifted, %d task(s) out of line; %d failed, %d unreachable (%.1f s)%n",
                stats.size(), hostsDrifted, drifted, stats.values().stream().mapToInt(Stats::failed).sum(),
                stats.values().stream().mapToInt(Stats::unreachable).sum(), elapsedMillis / 1000.0);
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
