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

/** Listens to a run. Called from the runner's threads; implementations synchronise what they share. */
public interface Reporter {
    default void playbookStart(Playbook playbook, boolean check) {
    }

    default void playStart(Play play, List<Host> hosts) {
    }

    default void taskStart(Task task, boolean handler) {
    }

    default void hostStart(Task task, Host host) {
    }

    /**
     * A host's result for a task; {@code item} is the loop item, or null outside loops; {@code handled}, whether a
     * failure was rescued or ignored (a failed status alone does not say the host failed).
     */
    default void hostResult(Task task, Host host, Result result, Object item, Handled handled) {
    }

    /** An {@code until} not met yet on a host: the task runs again after its delay, {@code left} more times at most. */
    default void retrying(Task task, Host host, Result result, int left) {
    }

    /** A line a long-running module shows while it waits (what an operator must do, how long it has waited). */
    default void progress(Task task, Host host, String line) {
    }

    /**
     * A health gate asked around a batch ({@code when}: "before batch 2 of 3 (web3)"), the {@code attempt}th time:
     * {@code why} it does not pass yet, or null when it passes.
     */
    default void gate(Gate gate, String when, int attempt, String why) {
    }

    /** A health gate none of whose checks applies to the batch: each was skipped by its {@code when}. */
    default void gateSkipped(Gate gate, String when) {
    }

    /**
     * A command about to be sent to {@code host} for {@code task} (the task's delegate when it has one): its line as
     * the host's {@code sh} gets it; never its standard input.
     */
    default void command(Task task, Host host, Command command) {
    }

    default void warning(String message) {
    }

    default void recap(Map<String, Stats> stats, long elapsedMillis) {
    }

    default void close() {
    }
}
