package io.gplay.engine.report;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Change;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The ansible-playbook console stream: PLAY, TASK, one line per host result, diffs with {@code --diff}, and
 * the PLAY RECAP. Colour only on a terminal; there, a task that runs longer than 2 s gets a live line naming
 * the hosts still working and for how long.
 */
public final class ConsoleReporter implements Reporter {
    private static final String RESET = "\u001b[0m";
    private static final long LIVE_AFTER_MS = 2000;

    private final PrintStream out;
    private final boolean colour;
    private final boolean diff;
    private final int verbosity;
    private final Map<String, Long> working = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private boolean liveLineShown;

    public ConsoleReporter(PrintStream out, boolean tty, boolean diff, int verbosity) {
        this.out = out;
        this.colour = tty;
        this.diff = diff;
        this.verbosity = verbosity;
        if (tty) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gplay-live-line");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::liveLine, 500, 500, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void playbookStart(Playbook playbook, boolean check) {
        if (check) {
            out.println(paint("35", "CHECK MODE: changes are predicted and shown, nothing on any host is changed"));
        }
    }

    @Override
    public synchronized void playStart(Play play, List<Host> hosts) {
        clearLiveLine();
        out.println();
        out.println(banner("PLAY [" + TerminalText.escaped(play.name()) + "]"));
    }

    @Override
    public synchronized void taskStart(Task task, boolean handler) {
        clearLiveLine();
        out.println();
        out.println(banner((handler ? "RUNNING HANDLER [" : "TASK [") + TerminalText.escaped(task.heading()) + "]"));
    }

    @Override
    public void hostStart(Task task, Host host) {
        working.put(host.name(), System.currentTimeMillis());
    }

    @Override
    public synchronized void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
        working.remove(host.name());
        clearLiveLine();
        String label = switch (r.status()) {
            case OK -> "ok";
            case CHANGED -> "changed";
            case FAILED -> "failed";
            case SKIPPED -> "skipping";
            case UNREACHABLE -> "fatal";
        };
        StringBuilder line = new StringBuilder(label).append(": [").append(host.name()).append("]");
        if (item != null) {
            line.append(" => (item=").append(item).append(")");
        }
        String msg = r.msg();
        boolean showMsg = r.status() == Status.FAILED || r.status() == Status.UNREACHABLE
                || r.status() == Status.SKIPPED && verbosity > 0 || verbosity > 0;
        if (r.status() == Status.UNREACHABLE) {
            line.append(": UNREACHABLE! => ").append(msg);
        } else if ((showMsg || Boolean.TRUE.equals(r.data().get("display"))) && msg != null && !msg.isEmpty()) {
            line.append(r.status() == Status.FAILED ? ": FAILED! => " : " => ").append(msg);
        } else if (r.status() == Status.CHANGED && !r.changes().isEmpty()) {
            line.append(" => ").append(String.join("; ", r.descriptions()));
        }
        if (handled == Handled.IGNORED) {
            line.append(" (ignored)");
        }
        out.println(paint(colourOf(r.status()), TerminalText.escaped(line.toString())));
        if (verbosity > 0 && r.data().get("stdout") instanceof String s && !s.isBlank()) {
            out.println(TerminalText.escaped(s.stripTrailing()));
        }
        if (diff && r.status() == Status.CHANGED) {
            for (Change c : r.changes()) {
                c.optionalDiff().ifPresent(d -> TerminalText.escaped(d.unified()).lines().forEach(l ->
                        out.println(l.startsWith("+") ? paint("32", l) : l.startsWith("-") ? paint("31", l) : l)));
            }
        }
    }

    /** As Ansible prints it: {@code FAILED - RETRYING: [host]: title (N retries left).} */
    @Override
    public synchronized void retrying(Task task, Host host, Result result, int left) {
        clearLiveLine();
        out.println(paint("31", TerminalText.escaped("FAILED - RETRYING: [" + host.name() + "]: " + task.heading() + " ("
                + left + " retries left)." + (verbosity > 0 && result.msg() != null && !result.msg().isEmpty()
                ? " Result was: " + result.msg() : ""))));
    }

    @Override
    public synchronized void progress(Task task, Host host, String line) {
        clearLiveLine();
        out.println(TerminalText.escaped("  [" + host.name() + "] " + line));
    }

    /** {@code GATE [title] before batch 1 of 2 (web1)}, then each asking's verdict. */
    @Override
    public synchronized void gate(Gate gate, String when, int attempt, String why) {
        clearLiveLine();
        if (attempt == 1) {
            gateBanner(gate, when);
        }
        out.println(why == null ? paint("32", "passes" + (attempt == 1 ? "" : " (try " + attempt + ")"))
                : paint("33", TerminalText.escaped("not yet (try " + attempt + "): " + why)));
    }

    @Override
    public synchronized void gateSkipped(Gate gate, String when) {
        clearLiveLine();
        gateBanner(gate, when);
        out.println(paint("36", "skipping: no check applies (each one's when is false)"));
    }

    private void gateBanner(Gate gate, String when) {
        out.println();
        out.println(banner("GATE [" + TerminalText.escaped(gate.title()) + "] " + TerminalText.escaped(when)));
    }

    @Override
    public synchronized void warning(String message) {
        clearLiveLine();
        out.println(paint("35", "[WARNING]: " + TerminalText.escaped(message)));
    }

    @Override
    public synchronized void recap(Map<String, Stats> stats, long elapsedMillis) {
        clearLiveLine();
        out.println();
        out.println(banner("PLAY RECAP"));
        int width = stats.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
        stats.forEach((host, s) -> {
            String colourOfHost = s.unreachable() > 0 || s.failed() > 0 ? "31" : s.changed() > 0 ? "33" : "32";
            out.printf("%s : %s %s %s %s %s %s %s%n",
                    paint(colourOfHost, pad(host, width)),
                    paint("32", pad("ok=" + s.ok(), 6)),
                    paint(s.changed() > 0 ? "33" : "0", pad("changed=" + s.changed(), 10)),
                    paint(s.unreachable() > 0 ? "31" : "0", pad("unreachable=" + s.unreachable(), 14)),
                    paint(s.failed() > 0 ? "31" : "0", pad("failed=" + s.failed(), 9)),
                    paint(s.skipped() > 0 ? "36" : "0", pad("skipped=" + s.skipped(), 10)),
                    paint(s.rescued() > 0 ? "32" : "0", pad("rescued=" + s.rescued(), 10)),
                    "ignored=" + s.ignored());
        });
        out.printf("%nFinished in %.1f s%n", elapsedMillis / 1000.0);
        out.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private synchronized void liveLine() {
        long now = System.currentTimeMillis();
        String slow = working.entrySet().stream().filter(e -> now - e.getValue() > LIVE_AFTER_MS)
                .map(e -> e.getKey() + " (" + (now - e.getValue()) / 1000 + "s)").sorted()
                .collect(Collectors.joining(", "));
        if (!slow.isEmpty()) {
            out.print("\r\u001b[2K" + paint("2", "still running on " + slow));
            out.flush();
            liveLineShown = true;
        }
    }

    private void clearLiveLine() {
        if (liveLineShown) {
            out.print("\r\u001b[2K");
            liveLineShown = false;
        }
    }

    private static String colourOf(Status s) {
        return switch (s) {
            case OK -> "32";
            case CHANGED -> "33";
            case FAILED, UNREACHABLE -> "31";
            case SKIPPED -> "36";
        };
    }

    private String paint(String code, String text) {
        return colour && !code.equals("0") ? "\u001b[" + code + "m" + text + RESET : text;
    }

    private static String banner(String head) {
        return head + " " + "*".repeat(Math.max(3, 78 - head.length()));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
