package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Change;
import io.gplay.engine.report.TerminalText;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Reporter;

import java.io.PrintStream;

/** One line a host, as the ad-hoc command and the console print: {@code lab1 | CHANGED | msg}, then any output. */
final class CompactReporter implements Reporter {
    private final PrintStream out;
    private final boolean colour;
    private final boolean diff;

    CompactReporter(PrintStream out, boolean colour, boolean diff) {
        this.out = out;
        this.colour = colour;
        this.diff = diff;
    }

    @Override
    public synchronized void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
        // the facts a run gathers by itself are not news; asked for (exec -m setup), they are the answer
        boolean asked = !task.title().equals("Gathering Facts");
        if (task.module().equals("setup") && r.status() == Status.OK && !asked) {
            return;
        }
        String code = switch (r.status()) {
            case OK -> "32";
            case CHANGED -> "33";
            case SKIPPED -> "36";
            default -> "31";
        };
        String line = host.name() + " | " + r.status().name() + (item == null ? "" : " (item=" + item + ")")
                + (r.msg() == null || r.msg().isEmpty() ? "" : " | " + r.msg())
                + (handled == Handled.NO ? "" : " (" + handled.label() + ")");
        String shown = TerminalText.escaped(line);
        out.println(colour ? "\u001b[" + code + "m" + shown + "\u001b[0m" : shown);
        if (task.module().equals("setup") && r.data().get("facts") instanceof java.util.Map<?, ?> facts) {
            new java.util.TreeMap<>(facts).forEach((k, v) -> out.println("    " + k + ": " + TerminalText.escaped(String.valueOf(v))));
        }
        Object stdout = r.data().get("stdout");
        if (stdout instanceof String s && !s.isBlank()) {
            TerminalText.escaped(s).lines().forEach(l -> out.println("    " + l));
        }
        if (diff) {
            for (Change c : r.changes()) {
                c.optionalDiff().ifPresent(d -> TerminalText.escaped(d.unified()).lines().forEach(l -> out.println("    " + l)));
            }
        }
    }

    @Override
    public synchronized void gate(Gate gate, String when, int attempt, String why) {
        out.println("gate [" + TerminalText.escaped(gate.title()) + "] " + TerminalText.escaped(when) + ": "
                + (why == null ? "passes" : "not yet (try " + attempt + "): " + TerminalText.escaped(why)));
    }

    @Override
    public synchronized void gateSkipped(Gate gate, String when) {
        out.println("gate [" + TerminalText.escaped(gate.title()) + "] " + TerminalText.escaped(when) + ": skipping, no check applies");
    }

    @Override
    public synchronized void warning(String message) {
        out.println("[WARNING]: " + TerminalText.escaped(message));
    }
}
