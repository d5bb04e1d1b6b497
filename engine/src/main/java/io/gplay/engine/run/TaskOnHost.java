package io.gplay.engine.run;

import io.gplay.engine.connection.CheckModeViolation;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.SentCommands;
import io.gplay.engine.connection.UnreachableException;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.VarRefs;
import io.gplay.engine.module.Failures;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.KeptReads;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleInvocation;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Include;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.plan.Truth;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Reporter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens to one task on one host: its scope, {@code when}, {@code loop} (with {@code when} asked per
 * item), {@code delegateTo}, the module run with {@code until}/{@code retries}, {@code changedWhen} and
 * {@code failedWhen}, and then what the result leaves behind ({@link TaskRecord}), the handlers a change
 * notifies written down too ({@link PendingLedger}).
 */
final class TaskOnHost {
    static final String FACTS_MODULE = "setup";
    /** Its result's {@code facts} become variables of the host for the tasks after it, as registered results do. */
    static final String SET_FACT_MODULE = "setFact";
    /** Its result's {@code facts}, the values of the vars file it read, are variables of the host as a set fact's. */
    static final String INCLUDE_VARS_MODULE = "includeVars";
    /** What a rescue reads of the failure that sent its host there (Ansible's ansible_failed_task and _result). */
    static final List<String> FAILURE_NAMES = List.of("failedTask", "failedResult");
    /** The one "item" of an include without a loop, which gives its steps no {@code item}. */
    static final Object NO_LOOP = new Object();
    private static final List<Status> SEVERITY = List.of(Status.SKIPPED, Status.OK, Status.CHANGED, Status.FAILED,
            Status.UNREACHABLE);

    private final RunState state;
    private final ModuleRegistry modules;
    private final RunOptions opts;
    private final Reporter reporter;
    private final Targets targets;
    private final TaskRecord record;
    private final PendingLedger pending;
    /** Asked for every task on every host: the file system is asked once a playbook. */
    private final Map<String, Path> playbookFolders = new ConcurrentHashMap<>();
    /** One for the run: made anew with this at each run of a console session. */
    private final KeptReads kept = new KeptReads();

    TaskOnHost(RunState state, ModuleRegistry modules, RunOptions opts, Reporter reporter, Targets targets,
               PendingLedger pending) {
        this.state = state;
        this.modules = modules;
        this.opts = opts;
        this.reporter = reporter;
        this.targets = targets;
        this.record = new TaskRecord(state, reporter);
        this.pending = pending;
    }

    /** Runs the task on the host and records what it did. */
    Result run(Play play, Task task, HostRun hr) {
        reporter.hostStart(task, hr.host);
        TaskOptions o = task.options();
        Result r;
        boolean itemsReported = false;
        try {
            HostScope scope = scope(play, task, hr);
            if (o.loop() == null) {
                r = skippedByWhen(o, scope) ? Result.skipped("conditional result was false") : once(play, task, hr, scope);
            } else {
                List<?> items = loopItems(o.loop(), scope);
                r = loop(play, task, hr, scope, items);
                itemsReported = !items.isEmpty();
            }
        } catch (HostScope.UndefinedVariable e) {
            r = Result.failed(task.source() + ": " + e.getMessage());
        } catch (UnreachableException e) {
            r = Result.unreachable(e.getMessage());
        } catch (RuntimeException e) {
            r = Result.failed(task.source() + ": " + Failures.describe(e));
        }
        record.record(task, hr, r, itemsReported);
        if (r.status() == Status.CHANGED) {
            pending.notified(hr, play, task.options().handlers());
        }
        return r;
    }

    /**
     * Whether and how often an include takes a file's steps in on the host, and which file: its {@code when} asked
     * once, now, then its {@code loop}, then for each item the file ({@link IncludePick}). No time (skipped, or
     * failed on the host, both recorded), once (item {@link #NO_LOOP}), or once for each item.
     */
    List<IncludePick> includes(Play play, Include include, HostRun hr) {
        Task header = include.header();
        reporter.hostStart(header, hr.host);
        TaskOptions o = header.options();
        try {
            HostScope scope = scope(play, header, hr);
            if (skippedByWhen(o, scope)) {
                record.record(header, hr, Result.skipped("conditional result was false"), false);
                return List.of();
            }
            List<?> items = o.loop() == null ? List.of(NO_LOOP) : loopItems(o.loop(), scope);
            List<IncludePick> picks = new ArrayList<>();
            for (Object item : items) {
                picks.add(IncludePick.of(include, item, scope));
            }
            reporter.hostResult(header, hr.host, new Result(Status.OK, "included " + included(picks)
                    + (o.loop() == null ? "" : " for " + items.size() + " item(s)"), List.of(), Map.of()), null,
                    Handled.NO);
            return picks;
        } catch (HostScope.UndefinedVariable e) {
            record.record(header, hr, Result.failed(header.source() + ": " + e.getMessage()), false);
        } catch (RuntimeException e) {
            record.record(header, hr, Result.failed(header.source() + ": " + Failures.describe(e)), false);
        }
        return List.of();
    }

    private static String included(List<IncludePick> picks) {
        return String.join(", ", picks.stream().map(IncludePick::file).distinct().toList());
    }

    /** As in Ansible, {@code when} is asked for each item, with {@code item} in its scope. */
    private Result loop(Play play, Task task, HostRun hr, HostScope scope, List<?> items) {
        List<Map<String, Object>> results = new ArrayList<>();
        Status agg = Status.SKIPPED;
        List<io.gplay.engine.module.Change> changes = new ArrayList<>();
        for (Object item : items) {
            HostScope itemScope = scope.withItem(item);
            Result ri = skippedByWhen(task.options(), itemScope) ? Result.skipped("conditional result was false")
                    : once(play, task, hr, itemScope);
            reporter.hostResult(task, hr.host, ri, item, TaskRecord.handled(task, hr, ri));
            Map<String, Object> reg = ri.registered();
            reg.put("item", item);
            results.add(reg);
            changes.addAll(ri.changes());
            agg = SEVERITY.indexOf(ri.status()) > SEVERITY.indexOf(agg) ? ri.status() : agg;
            if (ri.status() == Status.UNREACHABLE) {
                break;
            }
        }
        return new Result(agg, items.isEmpty() ? "no items" : agg == Status.SKIPPED ? "every item was skipped" : null,
                changes, Map.of("results", results));
    }

    /** The module once, on the host or its delegate, again while {@code until} is not met. */
    private Result once(Play play, Task task, HostRun hr, HostScope scope) {
        TaskOptions o = task.options();
        Module module = modules.find(task.module()).orElseThrow(
                () -> new ModuleFailure("unknown module '" + task.module() + "'"));
        Map<String, Object> params;
        try {
            params = ParamValidator.resolve(module.spec(), SecretArguments.resolve(task, scope));
        } catch (ModuleFailure e) {
            return Result.failed(task.source() + ": " + e.getMessage());
        }
        HostRun target = hr;
        if (o.delegateTo() != null) {
            Object d = o.delegateTo() instanceof Deferred def ? def.resolve(scope) : o.delegateTo();
            Host dh = state.inventory.host(String.valueOf(d));
            if (dh == null) {
                return Result.failed(task.source() + ": delegateTo '" + d + "' is not an inventory host");
            }
            target = state.runFor(dh);
        }
        Host targetHost = target.host;
        Connection conn = Connections.forTask(new SentCommands(state.connection(target),
                c -> reporter.command(task, targetHost, c)), play, task, targetHost, target.facts);
        HostContext where = HostContext.builder().host(targetHost).facts(target.facts).connection(conn)
                .check(opts.check()).predictions(target.predicted).variables(scope.asMap())
                .localBase(playbookFolder(task)).reachableAnew(() -> state.reachableAnew(targetHost))
                .ending(() -> state.interrupted).progress(line -> reporter.progress(task, hr.host, line)).kept(kept)
                .build();
        for (int attempt = 0; ; attempt++) {
            Result r = applyConditions(task, invoke(module, params, where), scope);
            if (o.until() == null || r.status() == Status.SKIPPED || r.status() == Status.UNREACHABLE
                    || Truth.of(o.until().resolve(scope.withResult(r.registered())))) {
                return r;
            }
            if (attempt >= o.retries() || state.interrupted) {
                return r.withStatus(Status.FAILED).withMsg("until condition not met after " + (attempt + 1)
                        + " attempt(s)" + (r.msg() == null || r.msg().isEmpty() ? "" : ": " + r.msg()));
            }
            reporter.retrying(task, hr.host, r, o.retries() - attempt);
            try {
                Thread.sleep((long) (o.delay() * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    private Result invoke(Module module, Map<String, Object> params, HostContext where) {
        try {
            return ModuleInvocation.run(module, params, where);
        } catch (CheckModeViolation e) {
            state.checkModeViolation = true;
            return Result.failed("ENGINE ERROR: module '" + module.name() + "' tried to change " + where.host().name()
                    + " in check mode; this is a bug in the module and nothing was changed (" + e.getMessage() + ")");
        }
    }

    private static Result applyConditions(Task task, Result r, HostScope scope) {
        TaskOptions o = task.options();
        if (r.status() == Status.SKIPPED || r.status() == Status.UNREACHABLE) {
            return r;
        }
        if (o.changedWhen() != null && r.status() != Status.FAILED) {
            r = r.withStatus(Truth.of(o.changedWhen().resolve(scope.withResult(r.registered())))
                    ? Status.CHANGED : Status.OK);
        }
        if (o.failedWhen() != null) {
            if (Truth.of(o.failedWhen().resolve(scope.withResult(r.registered())))) {
                r = r.withStatus(Status.FAILED).withMsg("failedWhen condition is true" + (r.msg() == null ? ""
                        : ": " + r.msg()));
            } else if (r.status() == Status.FAILED) {
                r = r.withStatus(r.changes().isEmpty() ? Status.OK : Status.CHANGED);
            }
        }
        return r;
    }

    /**
     * The variables a task sees, from the lowest: a role's defaults, the inventory's, the play's, the loop item of
     * an include it is in, the role's or task file's (per-host ones computed in the scope below them), registered results and set facts, extra vars.
     */
    private HostScope scope(Play play, Task task, HostRun hr) {
        Map<String, Object> vars = new LinkedHashMap<>(task.defaults());
        vars.putAll(hr.host.vars());
        vars.putAll(play.vars());
        vars.putAll(hr.included);
        if (!task.vars().isEmpty()) {
            // a role's defaults come from YAML, plain values; the values a role or task file was given may be per-host
            HostScope below = scope(hr, play, vars);
            task.vars().forEach((k, v) -> vars.put(k, Deferred.resolveAll(v, below)));
        }
        return scope(hr, play, vars);
    }

    private HostScope scope(HostRun hr, Play play, Map<String, Object> below) {
        Map<String, Object> vars = new LinkedHashMap<>(below);
        vars.putAll(hr.registered);
        vars.putAll(opts.extraVars());
        return new HostScope(hr.host.name(), VarRefs.resolved(vars), hr.facts, state.groups, state.hostvars, opts.check())
                .withPlayHosts(targets.namesOf(play));
    }

    /** The folder of the playbook a task is in, for its local files (the current one for a bundled playbook). */
    private Path playbookFolder(Task task) {
        return playbookFolders.computeIfAbsent(task.source().file(), f -> task.source().folder().orElse(Path.of("")));
    }

    private static boolean skippedByWhen(TaskOptions o, HostScope scope) {
        return o.when() != null && !Truth.of(o.when().resolve(scope));
    }

    private static List<?> loopItems(Object loop, HostScope scope) {
        Object v = loop instanceof Deferred d ? d.resolve(scope) : loop;
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(out::add);
            return out;
        }
        throw new ModuleFailure("loop must be a list, got " + (v == null ? "null" : v.getClass().getSimpleName()));
    }
}
