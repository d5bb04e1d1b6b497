package io.gplay.engine.report;

import io.gplay.engine.connection.Command;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.vault.SecretMask;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The run log ({@code log_path}): a line for each thing a run did, appended to a file that outlives the run, so an
 * operator can answer what gplay did on a host, and when. A line is as Ansible's {@code log_path} writes
 * ({@code 2026-12-07 10:01:02,345 p=PID u=USER n=gplay | ...}) with the host after the name:
 * {@code n=gplay h=web1 | changed: [install nginx] installed nginx}; {@code h=-} for the run's own lines. It
 * sits behind {@link MaskingReporter}, and masks each line once more as it writes it, with the secrets known by
 * then; a line's newlines are written {@code \n}, so that one event is one line.
 */
public final class RunLog implements Reporter {
    static final int LONGEST = 8192;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final LogFile file;
    private final SecretMask mask;
    private final String commandLine;
    private final String inventory;
    private final String prefix;

    /** {@code commandLine}: gplay's arguments, as typed; {@code inventory}: where the hosts came from. */
    public RunLog(LogFile file, SecretMask mask, List<String> commandLine, String inventory) {
        this.file = file;
        this.mask = mask;
        this.commandLine = String.join(" ", commandLine);
        this.inventory = inventory;
        this.prefix = " p=" + ProcessHandle.current().pid() + " u=" + System.getProperty("user.name") + " n=";
    }

    @Override
    public void playbookStart(Playbook playbook, boolean check) {
        line("-", "run: gplay " + commandLine + " | in " + Path.of("").toAbsolutePath() + " | playbook " + playbook.name() + " (" + playbook.file() + ")"
                + " | inventory " + inventory + (check ? " | check mode" : ""));
    }

    @Override
    public void playStart(Play play, List<Host> hosts) {
        line("-", "PLAY [" + play.name() + "] on " + String.join(", ", hosts.stream().map(Host::name).toList()));
    }

    @Override
    public void taskStart(Task task, boolean handler) {
        line("-", (handler ? "RUNNING HANDLER [" : "TASK [") + task.heading() + "] " + task.module() + " at "
                + task.source());
    }

    @Override
    public void hostResult(Task task, Host host, Result result, Object item, Handled handled) {
        StringBuilder s = new StringBuilder(result.status().label()).append(": [").append(task.heading()).append("]");
        if (item != null) {
            s.append(" (item=").append(item).append(")");
        }
        if (handled != Handled.NO && result.status() == Status.FAILED) {
            s.append(" (").append(handled.name().toLowerCase()).append(")");
        }
        String msg = result.msg() == null ? "" : result.msg();
        if (!msg.isEmpty()) {
            s.append(" ").append(msg);
        }
        // a module's message often is its changes' descriptions: each is said once
        result.changes().stream().filter(c -> !msg.contains(c.description()))
                .forEach(c -> s.append(" | change: ").append(c.description()));
        line(host.name(), s.toString());
    }

    @Override
    public void retrying(Task task, Host host, Result result, int left) {
        line(host.name(), "retrying: [" + task.heading() + "] (" + left + " retries left) " + result.msg());
    }

    @Override
    public void command(Task task, Host host, Command command) {
        line(host.name(), (command.readOnly() ? "read: " : "command: ") + command.line());
    }

    @Override
    public void progress(Task task, Host host, String text) {
        line(host.name(), "progress: [" + task.heading() + "] " + text);
    }

    @Override
    public void gate(Gate gate, String when, int attempt, String why) {
        line("-", "gate [" + gate.title() + "] " + when + ", attempt " + attempt + ": "
                + (why == null ? "passes" : "not yet: " + why));
    }

    @Override
    public void gateSkipped(Gate gate, String when) {
        line("-", "gate [" + gate.title() + "] " + when + ": skipped, none of its checks applies");
    }

    @Override
    public void warning(String message) {
        line("-", "[WARNING]: " + message);
    }

    @Override
    public void recap(Map<String, Stats> stats, long elapsedMillis) {
        stats.forEach((host, s) -> line(host, "recap: ok=" + s.ok() + " changed=" + s.changed() + " unreachable="
                + s.unreachable() + " failed=" + s.failed() + " skipped=" + s.skipped() + " rescued=" + s.rescued()
                + " ignored=" + s.ignored()));
        line("-", "run ended after " + elapsedMillis + " ms");
    }

    /** A warning of a library gplay uses (sshj's, say), under the library's logger name. */
    public void library(String logger, String level, String message) {
        write(logger, "-", "[" + level + "]: " + message);
    }

    @Override
    public void close() {
        file.close();
    }

    private void line(String host, String text) {
        write("gplay", host, text);
    }

    private void write(String name, String host, String text) {
        String t = TerminalText.escaped(mask.mask(text)).replace("\n", "\\n").replace("\t", "\\t");
        if (t.length() > LONGEST) {
            t = t.substring(0, LONGEST) + "... (" + (t.length() - LONGEST) + " more characters)";
        }
        file.append(TIME.format(LocalDateTime.now()) + prefix + name + " h=" + host + " | " + t);
    }
}
