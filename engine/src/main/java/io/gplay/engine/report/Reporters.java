package io.gplay.engine.report;

import io.gplay.engine.connection.Command;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;

import java.util.List;
import java.util.Map;

/** Fans events out to several reporters. */
public final class Reporters implements Reporter {
    private final List<Reporter> all;

    public Reporters(List<Reporter> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void playbookStart(Playbook playbook, boolean check) {
        all.forEach(r -> r.playbookStart(playbook, check));
    }

    @Override
    public void playStart(Play play, List<Host> hosts) {
        all.forEach(r -> r.playStart(play, hosts));
    }

    @Override
    public void taskStart(Task task, boolean handler) {
        all.forEach(r -> r.taskStart(task, handler));
    }

    @Override
    public void hostStart(Task task, Host host) {
        all.forEach(r -> r.hostStart(task, host));
    }

    @Override
    public void hostResult(Task task, Host host, Result result, Object item, Handled handled) {
        all.forEach(r -> r.hostResult(task, host, result, item, handled));
    }

    @Override
    public void command(Task task, Host host, Command command) {
        all.forEach(r -> r.command(task, host, command));
    }

    @Override
    public void retrying(Task task, Host host, Result result, int left) {
        all.forEach(r -> r.retrying(task, host, result, left));
    }

    @Override
    public void progress(Task task, Host host, String line) {
        all.forEach(r -> r.progress(task, host, line));
    }

    @Override
    public void gateSkipped(Gate gate, String when) {
        all.forEach(r -> r.gateSkipped(gate, when));
    }

    @Override
    public void gate(Gate gate, String when, int attempt, String why) {
        all.forEach(r -> r.gate(gate, when, attempt, why));
    }

    @Override
    public void warning(String message) {
        all.forEach(r -> r.warning(message));
    }

    @Override
    public void recap(Map<String, Stats> stats, long elapsedMillis) {
        all.forEach(r -> r.recap(stats, elapsedMillis));
    }

    @Override
    public void close() {
        all.forEach(Reporter::close);
    }
}
