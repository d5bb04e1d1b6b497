package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Block;
import io.gplay.engine.plan.FlushHandlers;
import io.gplay.engine.plan.Include;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Step;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One batch of a play's hosts through the play's steps, as ansible-playbook's linear strategy walks its play
 * iterator: facts (and the handlers an earlier run left pending), then each step in the order written on the hosts
 * that reach it, then the notified handlers.
 * A task runs on all of them at once; a block's rescue on those that failed in its tasks; its always on every
 * host that entered. Where a host stands is which hosts each part of the tree is walked with, and its
 * {@link HostRun#failed}, set aside while its block's rescue and always run on it. After each task the play's
 * {@link FailureLimits} may stop the batch: its hosts still going are then {@link HostRun#stopped}, and nothing
 * more runs in it, rescues, always and handlers included.
 */
final class BatchRun {
    private final Play play;
    private final List<HostRun> batch;
    private final RunState state;
    private final RunOptions opts;
    private final TaskDispatch dispatch;
    private final StartAt start;
    private final PendingLedger pending;
    private final FailureLimits limits;
    /** Why the play stops, once its failure limits have stopped the batch. */
    private String stop;

    BatchRun(Play play, List<Host> batch, RunState state, RunOptions opts, TaskDispatch dispatch, StartAt start,
             PendingLedger pending) {
        this.play = play;
        this.batch = batch.stream().map(state::runFor).toList();
        this.state = state;
        this.opts = opts;
        this.dispatch = dispatch;
        this.start = start;
        this.pending = pending;
        this.limits = new FailureLimits(play.rollout(), this.batch);
    }

    /** Runs the batch; why its play stops ({@link FailureLimits}), or null when it may go on. */
    String run() {
        if (start.reached()) {
            begin(active(batch));
        }
        steps(play.tasks(), active(batch));
        if (!halted()) {
            handlers(batch);
        }
        return stop;
    }

    /** The task on the hosts, then whether the batch's failures stop the play; each host's result. */
    private Map<HostRun, Result> runTask(Task task, List<HostRun> hosts, boolean handler) {
        Map<HostRun, Result> results = dispatch.run(play, task, hosts, handler);
        if (!hosts.isEmpty() && stop == null) {
            stop = limits.after(task);
            if (stop != null) {
                batch.stream().filter(HostRun::active).forEach(h -> h.stopped = true);
            }
        }
        return results;
    }

    /** A handler on the hosts; on each where it did not fail it is no longer pending. */
    private void runHandler(Task handler, List<HostRun> hosts) {
        runTask(handler, hosts, true).forEach((h, r) -> {
            boolean failed = r.status() == Status.UNREACHABLE
                    || r.status() == Status.FAILED && !handler.options().ignoreErrors();
            if (!failed) {
                pending.ran(h, play, handler);
            }
        });
    }

    private boolean halted() {
        return state.interrupted || stop != null;
    }

    /** Each step on those of the hosts still going: a host that fails leaves the steps after. */
    private void steps(List<Step> steps, List<HostRun> hosts) {
        for (Step step : steps) {
            List<HostRun> going = active(hosts);
            if (halted() || going.isEmpty()) {
                return;
            }
            if (step instanceof Task task) {
                task(task, going);
            } else if (step instanceof Block block) {
                block(block, going);
            } else if (step instanceof Include include) {
                include(include, going);
            } else if (step instanceof FlushHandlers && start.reached()) {
                handlers(going);
            }
        }
    }

    private void task(Task task, List<HostRun> hosts) {
        if (!start.reached()) {
            if (!start.reachedAt(task)) {
                return;
            }
            begin(hosts);
        }
        if (TagFilter.selects(task, opts)) {
            runTask(task, hosts, false);
        }
    }

    /**
     * An include's steps on the hosts where its condition, asked once now, holds: once, or once for each item of
     * its loop, the first item on every host that has one, then the second... ({@code item} in the scope of the
     * steps inside). Where hosts picked different files for an item (a name computed per host), each file's steps
     * run on the hosts that picked it, one file after the other, as Ansible runs the files it included. Its tags
     * select the include as a whole, as Ansible's include_tasks' do.
     */
    private void include(Include include, List<HostRun> hosts) {
        if (!TagFilter.selects(include.header(), opts)) {
            return;
        }
        Map<HostRun, List<IncludePick>> picks = dispatch.include(play, include, hosts);
        int most = picks.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < most && !halted(); i++) {
            int n = i;
            Map<String, List<HostRun>> byFile = new LinkedHashMap<>();
            hosts.stream().filter(h -> picks.get(h).size() > n).forEach(h ->
                    byFile.computeIfAbsent(picks.get(h).get(n).file(), f -> new ArrayList<>()).add(h));
            for (Map.Entry<String, List<HostRun>> e : byFile.entrySet()) {
                if (!halted()) {
                    takeIn(include.files().get(e.getKey()), e.getValue(), h -> picks.get(h).get(n).item());
                }
            }
        }
    }

    /** The steps on the hosts, each with its item of the include's loop in scope while they run. */
    private void takeIn(List<Step> steps, List<HostRun> these, Function<HostRun, Object> itemOf) {
        Map<HostRun, Map<String, Object>> outer = new LinkedHashMap<>();
        for (HostRun h : these) {
            outer.put(h, h.included);
            Object item = itemOf.apply(h);
            if (item != TaskOnHost.NO_LOOP) {
                h.included = new LinkedHashMap<>(h.included);
                h.included.put("item", item);
            }
        }
        try {
            steps(steps, these);
        } finally {
            outer.forEach((h, vars) -> h.included = vars);
        }
    }

    /**
     * The block's tasks on the hosts that enter it; its rescue on those that failed there, which are rescued when
     * the rescue ends without a failure; its always on every host that entered and can still be reached. A host
     * failed in the tasks (with no rescue), in the rescue or in always stays failed after the block.
     */
    private void block(Block block, List<HostRun> entered) {
        boolean rescues = !block.rescue().isEmpty();
        if (rescues) {
            entered.forEach(h -> h.rescuable++);
        }
        try {
            steps(block.tasks(), entered);
        } finally {
            if (rescues) {
                entered.forEach(h -> h.rescuable--);
            }
        }
        if (halted()) {
            return; // a host failed here stays failed: its rescue does not run
        }
        List<HostRun> failed = entered.stream().filter(h -> h.failed && h.unreachable == null).toList();
        if (rescues && !failed.isEmpty()) {
            for (HostRun h : failed) {
                h.failed = false;
                h.registered.putAll(h.lastFailure);
            }
            steps(block.rescue(), failed);
            failed = failed.stream().filter(h -> h.failed).toList();
        }
        failed.forEach(h -> h.failed = false);
        steps(block.always(), entered.stream().filter(h -> h.unreachable == null).toList());
        failed.forEach(h -> h.failed = true);
    }

    /**
     * Where the play starts on the hosts (its first task, or {@code --start-at-task}'s): their facts, then the
     * handlers of the play an earlier run left pending on them ({@link PendingLedger}), in the order written.
     */
    private void begin(List<HostRun> hosts) {
        if (play.gatherFacts()) {
            gatherFacts(hosts);
        }
        for (Task handler : play.handlers()) {
            List<HostRun> owing = active(hosts).stream().filter(h -> pending.owes(h, play, handler)).toList();
            if (!owing.isEmpty() && !halted()) {
                pending.announce(handler, owing);
                runHandler(handler, owing);
            }
        }
    }

    /**
     * Gathers the facts of the hosts that have none yet: once per host per run (and per session), not again in
     * every play as Ansible does; a {@code setup} task refreshes them when a playbook needs it.
     */
    private void gatherFacts(List<HostRun> hosts) {
        List<HostRun> without = hosts.stream().filter(r -> !r.gathered).toList();
        runTask(new Task("Gathering Facts", TaskOnHost.FACTS_MODULE, Map.of(), TaskOptions.none(),
                play.source()), without, false);
    }

    /**
     * Each handler notified by its title or by a topic it listens to runs once, in the order written, on the
     * hosts that notified it (with --force-handlers, failed ones too); a topic is forgotten once every handler
     * listening to it has had its turn.
     */
    private void handlers(List<HostRun> hosts) {
        Set<String> answered = new HashSet<>();
        for (Task handler : play.handlers()) {
            List<String> names = new ArrayList<>(handler.options().listen());
            names.add(handler.title());
            answered.addAll(names);
            List<HostRun> notified = new ArrayList<>();
            for (HostRun r : hosts) {
                boolean eligible = r.active() || opts.forceHandlers() && r.unreachable == null;
                synchronized (r) {
                    if (eligible && names.stream().anyMatch(r.notified::contains)) {
                        r.notified.remove(handler.title());
                        notified.add(r);
                    }
                }
            }
            if (!notified.isEmpty() && !halted()) {
                runHandler(handler, notified);
            }
        }
        for (HostRun r : hosts) {
            synchronized (r) {
                r.notified.removeAll(answered);
            }
        }
    }

    private static List<HostRun> active(List<HostRun> hosts) {
        return hosts.stream().filter(HostRun::active).toList();
    }
}
