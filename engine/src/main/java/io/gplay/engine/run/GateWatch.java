package io.gplay.engine.run;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Gate;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Reporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Waits for a play's {@link Gate}s around a batch: their checks on each of the batch's hosts that can be reached,
 * in check mode (a checker built with the run's options in check mode), asked again every delay until they all
 * pass or the gate's timeout has gone by; a gate none of whose checks applies (each skipped by its {@code when}) is
 * said to be skipped, and lets the batch go. A check runs on a scratch copy of its host's state
 * ({@link HostRun#carryOver}), so what it finds is never counted in the recap nor fails its host. In a check run the gate is asked once: a real
 * run would wait, a check run says whether it would start now.
 */
final class GateWatch {
    /** Why a skipped check still passes: it did not apply, as a {@code when} decided. */
    private static final Set<String> NOT_APPLYING = Set.of("conditional result was false", "every item was skipped",
            "no items");

    private final RunState state;
    private final TaskOnHost checker;
    private final Reporter reporter;
    private final boolean checkRun;
    /** Whether a check of the asking under way applied on some host (was not skipped by its when). */
    private boolean applied;

    GateWatch(RunState state, TaskOnHost checker, Reporter reporter, boolean checkRun) {
        this.state = state;
        this.checker = checker;
        this.reporter = reporter;
        this.checkRun = checkRun;
    }

    /**
     * Null when every gate of the play for {@code moment} ("before", "after") passes; else why one did not, the
     * run then marked stopped by a gate.
     */
    String await(Play play, String moment, String batchName, List<HostRun> batch) {
        for (Gate gate : play.rollout().gates()) {
            if (!gate.gates(moment)) {
                continue;
            }
            String why = await(play, gate, moment + " " + batchName, batch);
            if (why != null) {
                state.gateStopped = true;
                return "gate '" + gate.title() + "' (" + gate.source() + ") " + why;
            }
        }
        return null;
    }

    private String await(Play play, Gate gate, String when, List<HostRun> batch) {
        long deadline = System.nanoTime() + gate.timeoutSeconds() * 1_000_000_000L;
        for (int attempt = 1; ; attempt++) {
            applied = false;
            String why = ask(play, gate, batch);
            if (!applied) {
                reporter.gateSkipped(gate, when);
                return null;
            }
            reporter.gate(gate, when, attempt, why);
            if (why == null) {
                return null;
            }
            if (state.interrupted) {
                return "was not asked again: the run was interrupted (" + why + ")";
            }
            if (checkRun) {
                return "does not pass now, and a run would wait for it up to " + gate.timeoutSeconds() + " s: " + why;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return "did not pass within " + gate.timeoutSeconds() + " s (" + attempt + " tries): " + why;
            }
            if (!sleep(Math.min(left / 1_000_000, (long) (gate.delaySeconds() * 1000)))) {
                return "was not asked again: the run was interrupted (" + why + ")";
            }
        }
    }

    /** One asking of the gate's checks, host by host, each host's in the order written: null when all pass. */
    private String ask(Play play, Gate gate, List<HostRun> batch) {
        List<String> why = new ArrayList<>();
        for (HostRun hr : batch) {
            if (hr.unreachable != null) {
                continue;
            }
            // a copy with its own counts and failure: what the checks find never reaches the recap nor fails the host
            HostRun scratch = hr.carryOver();
            try {
                for (Task check : gate.checks()) {
                    Result r = checker.run(play, check, scratch);
                    applied |= r.status() != Status.SKIPPED || !NOT_APPLYING.contains(r.msg());
                    String failed = verdict(r, check.options().noLog());
                    if (failed != null) {
                        why.add(hr.host.name() + ": '" + check.title() + "' " + failed);
                        break;
                    }
                }
            } finally {
                hr.adoptConnection(scratch);
            }
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    /** Why a check's result does not pass, or null. */
    private static String verdict(Result r, boolean noLog) {
        String msg = noLog || r.msg() == null || r.msg().isBlank() ? "" : ": " + r.msg();
        return switch (r.status()) {
            case OK -> null;
            case SKIPPED -> NOT_APPLYING.contains(r.msg()) ? null
                    : "cannot run in check mode (a gate's check only reads: a command needs readOnly: true)" + msg;
            case CHANGED -> "would change the host (a gate's check only reads)" + msg;
            case FAILED -> "failed" + msg;
            case UNREACHABLE -> "could not reach its host" + msg;
        };
    }

    private boolean sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            // in short steps, so an interruption of the run is seen at once
            while (!state.interrupted && System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.interrupted = true;
        }
        return !state.interrupted;
    }
}
