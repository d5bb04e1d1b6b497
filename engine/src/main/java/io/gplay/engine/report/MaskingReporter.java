package io.gplay.engine.report;

import io.gplay.engine.connection.Command;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Change;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.vault.SecretMask;

import java.util.List;
import java.util.Map;

/**
 * Every reporter's one door: what a run reports reaches the console and the report files with each secret
 * (each value read from a vault) replaced by {@link SecretMask#MASK}, in messages, command output, registered
 * data, changes and diffs alike; of a task marked {@code noLog}, nothing but its status and that it is hidden.
 * Only what is shown is masked; the run itself keeps the clear values (a registered result too).
 */
public final class MaskingReporter implements Reporter {
    private final Reporter inner;
    private final SecretMask mask;

    public MaskingReporter(Reporter inner, SecretMask mask) {
        this.inner = inner;
        this.mask = mask;
    }

    @Override
    public void playbookStart(Playbook playbook, boolean check) {
        inner.playbookStart(playbook, check);
    }

    @Override
    public void playStart(Play play, List<Host> hosts) {
        inner.playStart(play, hosts);
    }

    @Override
    public void taskStart(Task task, boolean handler) {
        inner.taskStart(task, handler);
    }

    @Override
    public void hostStart(Task task, Host host) {
        inner.hostStart(task, host);
    }

    @Override
    public void hostResult(Task task, Host host, Result result, Object item, Handled handled) {
        inner.hostResult(task, host, shown(task, result), task.options().noLog() && item != null ? HIDDEN : mask.maskAll(item),
                handled);
    }

    @Override
    public void retrying(Task task, Host host, Result result, int left) {
        inner.retrying(task, host, shown(task, result), left);
    }

    @Override
    public void progress(Task task, Host host, String line) {
        inner.progress(task, host, task.options().noLog() ? HIDDEN : mask.mask(line));
    }

    /** The line masked (of a noLog task, hidden), without the standard input, which no reporter sees. */
    @Override
    public void command(Task task, Host host, Command command) {
        inner.command(task, host, new Command(task.options().noLog() ? HIDDEN : mask.mask(command.line()), null,
                command.readOnly(), command.shared()));
    }

    /** What a noLog task's result shows in place of its message, as Ansible says it. */
    public static final String HIDDEN = "the output has been hidden due to noLog: true";

    private Result shown(Task task, Result r) {
        if (!task.options().noLog()) {
            return masked(r);
        }
        List<Change> changes = r.changes().stream().map(c -> Change.of(HIDDEN)).toList();
        return new Result(r.status(), HIDDEN, changes, Map.of("censored", HIDDEN));
    }

    @Override
    public void gateSkipped(Gate gate, String when) {
        inner.gateSkipped(gate, when);
    }

    @Override
    public void gate(Gate gate, String when, int attempt, String why) {
        inner.gate(gate, when, attempt, why == null ? null : mask.mask(why));
    }

    @Override
    public void warning(String message) {
        inner.warning(mask.mask(message));
    }

    @Override
    public void recap(Map<String, Stats> stats, long elapsedMillis) {
        inner.recap(stats, elapsedMillis);
    }

    @Override
    public void close() {
        inner.close();
    }

    private Result masked(Result r) {
        List<Change> changes = r.changes().stream().map(c -> new Change(mask.mask(c.description()),
                c.diff() == null ? null : new Diff(mask.mask(c.diff().label()),
                        RotatedSecrets.before(c.diff().before(), c.diff().after(), mask),
                        mask.mask(c.diff().after())))).toList();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) mask.maskAll(r.data());
        return new Result(r.status(), mask.mask(r.msg()), changes, data);
    }
}
