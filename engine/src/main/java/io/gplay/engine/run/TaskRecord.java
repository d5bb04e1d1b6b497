package io.gplay.engine.run;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.SecretReads;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.MaskingReporter;
import io.gplay.engine.report.Reporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task's result leaves on a host: a registered variable, gathered or set facts, the host's failure (with
 * what its rescue reads of it) or unreachability, notified handlers, its counts, the report. A {@code runOnce}
 * task's result, got on the first host, is left on the other hosts of the batch too ({@link #runOnce}).
 */
final class TaskRecord {
    private final RunState state;
    private final Reporter reporter;

    TaskRecord(RunState state, Reporter reporter) {
        this.state = state;
        this.reporter = reporter;
    }

    /** The result on the host it ran for; {@code itemsReported}: a loop's items were reported one by one. */
    void record(Task task, HostRun hr, Result r, boolean itemsReported) {
        TaskOptions o = task.options();
        keep(task, hr, r);
        Handled handled = handled(task, hr, r);
        switch (r.status()) {
            case UNREACHABLE -> {
                hr.unreachable = r.msg();
                hr.closeConnection();
            }
            case FAILED -> {
                if (handled != Handled.IGNORED) {
                    hr.failed = true;
                    hr.lastFailure = failure(task, r);
                }
            }
            case CHANGED -> o.handlers().forEach(hr::notifyHandler);
            default -> {
            }
        }
        hr.stats.count(r.status(), handled);
        if (!itemsReported) {
            reporter.hostResult(task, hr.host, r, null, handled);
        }
    }

    /**
     * What the result of a {@code runOnce} task, run on {@code first}, leaves on {@code other}, another host of the
     * batch, as ansible-playbook applies it to every host of the batch (lib/ansible/plugins/strategy/__init__.py at
     * ansible-core c9ac477e, 2.19.0.dev0): its registered result (:767-776) and facts (:709-730, the hosts of
     * get_task_hosts, :436-441); a failure or an unreachable first host, unless ignored, fails every host
     * (:589-592, and linear.py:176 and :320-324, which make runOnce fatal for the batch), each sent to the rescue
     * of a block it is in. That code marks the others failed twice, which skips their rescue (ansible/ansible
     * issue 83292; its pending fix, PR 87374, sends each to its rescue, counted rescued, as here). Ansible counts
     * the failure in the recap of the first host only, yet puts every host in its failed hosts (retry file,
     * max_fail_percentage); here each host counts it, failed or rescued, so the recap and the reports agree with
     * what happened to the host. Its ok or changed, and the handlers it notifies, stay with the first host, as
     * there (:647-662, :760-762).
     */
    void runOnce(Task task, Result r, HostRun first, HostRun other) {
        keep(task, other, r);
        boolean failure = r.status() == Status.FAILED || r.status() == Status.UNREACHABLE;
        if (!failure || task.options().ignoreErrors()) {
            return;
        }
        Result theirs = r.status() == Status.UNREACHABLE ? r.withStatus(Status.FAILED) : r;
        other.failed = true;
        other.lastFailure = failure(task, theirs);
        Handled handled = handled(task, other, theirs);
        other.stats.count(Status.FAILED, handled);
        String msg = theirs.msg() == null || theirs.msg().isEmpty() ? "failed" : theirs.msg();
        reporter.hostResult(task, other.host, theirs.withMsg("run once on " + first.host.name()
                + (r.status() == Status.UNREACHABLE ? ", which was unreachable: " : ": ") + msg), null, handled);
    }

    /**
     * Whether a failure is ignored, or rescued (the host is in the tasks of a block with a rescue), as the recap
     * counts it and the reports show it.
     */
    static Handled handled(Task task, HostRun hr, Result r) {
        if (r.status() != Status.FAILED) {
            return Handled.NO;
        }
        return task.options().ignoreErrors() ? Handled.IGNORED : hr.rescuable > 0 ? Handled.RESCUED : Handled.NO;
    }

    /**
     * The registered variable, and the facts: those {@code setup} gathered (in place of those gathered before),
     * those {@code setFact} set, and the {@code ansible_facts} a module returned, merged into the host's facts
     * (of each item of a loop).
     */
    private void keep(Task task, HostRun hr, Result r) {
        TaskOptions o = task.options();
        if (o.register() != null) {
            hr.registered.put(o.register(), r.registered());
        }
        if (r.status() == Status.FAILED) {
            return;
        }
        moduleFacts(r.data()).forEach(f -> merge(hr, f));
        if (!(r.data().get("facts") instanceof Map<?, ?> f)) {
            return;
        }
        if (task.module().equals(TaskOnHost.FACTS_MODULE)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = new LinkedHashMap<>((Map<String, Object>) f);
            facts.putAll(hr.moduleFacts); // what other modules set stays, as a later setup does not gather it
            hr.facts = facts;
            hr.gathered = true;
            state.hostvars.get(hr.host.name()).put("facts", facts);
        }
        if (task.module().equals(TaskOnHost.SET_FACT_MODULE) || task.module().equals(TaskOnHost.INCLUDE_VARS_MODULE)) {
            f.forEach((k, v) -> hr.registered.put(String.valueOf(k), v));
            if (o.noLog()) {
                // what a playbook set with noLog is a secret, for the tasks that read it after too
                SecretReads.secret(f);
            }
        }
    }

    /** The {@code ansible_facts} of a result, or of each item of a loop's. */
    private static List<Map<?, ?>> moduleFacts(Map<String, Object> data) {
        if (data.get(Result.MODULE_FACTS) instanceof Map<?, ?> f) {
            return List.of(f);
        }
        List<Map<?, ?>> out = new ArrayList<>();
        if (data.get("results") instanceof List<?> items) {
            items.forEach(i -> {
                if (i instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("failed"))
                        && m.get(Result.MODULE_FACTS) instanceof Map<?, ?> f) {
                    out.add(f);
                }
            });
        }
        return out;
    }

    /**
     * A module's facts into the host's, each name replaced, the others kept: {@code facts.NAME}, and the variable
     * {@code NAME}, as Ansible makes a module's facts variables of the host.
     */
    private void merge(HostRun hr, Map<?, ?> set) {
        Map<String, Object> facts = new LinkedHashMap<>(hr.facts);
        set.forEach((k, v) -> {
            facts.put(String.valueOf(k), v);
            hr.moduleFacts.put(String.valueOf(k), v);
            hr.registered.put(String.valueOf(k), v);
        });
        hr.facts = facts;
        state.hostvars.get(hr.host.name()).put("facts", facts);
    }

    /**
     * What a rescue sees of the failure that sent its host there, as Ansible's {@code ansible_failed_task} and
     * {@code ansible_failed_result}: the task's title, module and line, and its registered result, which of a
     * noLog task says only that it failed.
     */
    private static Map<String, Object> failure(Task task, Result r) {
        Map<String, Object> result = task.options().noLog()
                ? Map.of("failed", true, "msg", MaskingReporter.HIDDEN, "censored", MaskingReporter.HIDDEN)
                : r.registered();
        return Map.of(TaskOnHost.FAILURE_NAMES.get(0), Map.of("name", task.title(), "module", task.module(), "source",
                task.source().toString()), TaskOnHost.FAILURE_NAMES.get(1), result);
    }
}
