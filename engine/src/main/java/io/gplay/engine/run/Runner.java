package io.gplay.engine.run;

import io.gplay.engine.connection.KeptConnections;
import io.gplay.engine.inventory.HonouredVars;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Stats;
import io.gplay.engine.vault.SecretMask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs a playbook with the linear strategy: the plays in order, each play's hosts in batches ({@code serial}),
 * each batch through the play's steps ({@link BatchRun}: each task on all of the batch's hosts in parallel, up
 * to {@code forks} at once, then the next; blocks with their rescue and always). A host whose task fails
 * leaves the rest of the playbook, unless a block's rescue takes it back; an unreachable host too; the others
 * go on, unless the play's failure limits ({@code anyErrorsFatal}, {@code maxFailPercentage}) stop it, which
 * ends the playbook. Notified handlers run once per host at the end of each play (or at {@code flushHandlers}), in the
 * order they are defined; those that did not run on a host, or failed there, are kept for the next run of the
 * playbook, which runs them first ({@link #keepPendingHandlers}). What happens to one task on one host is
 * {@link TaskOnHost}'s.
 */
public final class Runner {
    private final Inventory inventory;
    private final ModuleRegistry modules;
    private final Reporter reporter;
    private final RunState state;
    private RunOptions opts;
    private boolean session;
    private StartAt start;
    private TaskDispatch dispatch;
    private GateWatch gates;
    private PendingHandlers pendingStore;
    private PendingLedger pending;
    /** Why a play stopped the playbook in this run, as its warning said; null when none did. */
    private String stop;
    /** The hosts whose variables {@link #reportUnhonoured} has looked at. */
    private final Set<String> varsLookedAt = new HashSet<>();

    public Runner(Inventory inventory, ModuleRegistry modules, RunOptions opts, Reporter reporter) {
        this.inventory = inventory.withExtraVars(opts.extraVars());
        Connections.registerPasswords(this.inventory.hosts(), SecretMask.global());
        this.modules = modules;
        this.opts = opts;
        this.reporter = reporter;
        this.state = new RunState(this.inventory, new Connections(opts.acceptNewHostKeys(), opts.knownHosts()));
    }

    /**
     * Session mode, for the console: connections, facts and registered results outlive a run, so the next
     * command on the same hosts costs no new handshake; each run starts with no host failed.
     */
    public Runner session() {
        this.session = true;
        return this;
    }

    /**
     * Keeps the handlers notified on each host and not run yet in this store, for the next run of the same
     * playbook, which runs them first ({@link PendingLedger}); without it (a console session, exec) none are kept.
     */
    public Runner keepPendingHandlers(PendingHandlers store) {
        this.pendingStore = store;
        return this;
    }

    /**
     * Takes SSH connections from {@code kept} and gives them back at the run's end, for a process that runs
     * many playbooks (the daemon, {@link KeptConnections}).
     */
    public Runner keepConnectionsIn(KeptConnections kept) {
        state.keepConnectionsIn(kept);
        return this;
    }

    /** New options for the next run (the console's :check, :diff, :become); inventory and connections stay. */
    public void options(RunOptions next) {
        this.opts = next;
    }

    public RunOptions options() {
        return opts;
    }

    /** The facts gathered for a host in this session, or an empty map. */
    public Map<String, Object> facts(String host) {
        HostRun r = state.existing(host);
        return r == null ? Map.of() : r.facts;
    }

    /** How many connections this runner has opened so far: the console shows how many a command opened. */
    public int connectionsOpened() {
        return state.connectionsOpened();
    }

    /** Closes every connection (the end of a session). */
    public void close() {
        state.closeAll();
    }

    /** Stops starting new tasks; running commands end when their connections are closed. */
    public void interrupt() {
        state.interrupted = true;
        state.closeAll();
    }

    /** Hosts a play targets after {@code --limit}. */
    public List<Host> hostsOf(Play play) {
        return new Targets(inventory, opts.limit(), opts.slice()).of(play);
    }

    /** Problems found before any connection (see {@link Preflight}). */
    public List<String> preflight(Playbook playbook) {
        return Preflight.problems(playbook, new Targets(inventory, opts.limit(), opts.slice()), opts, true, modules);
    }

    /**
     * The same, less the variables tasks read ({@link UndefinedVariables}): listing a plan's hosts or tasks
     * needs no variable, as in ansible-playbook.
     */
    public List<String> preflightForListing(Playbook playbook) {
        return Preflight.problems(playbook, new Targets(inventory, opts.limit(), opts.slice()), opts, false, modules);
    }

    /** Whether --tags and --skip-tags let a task run. */
    public boolean selects(Task task) {
        return TagFilter.selects(task, opts);
    }

    public RunSummary run(Playbook playbook) {
        long t0 = System.currentTimeMillis();
        start = new StartAt(opts.startAtTask());
        stop = null;
        if (session) {
            state.carryOver();
        }
        Targets targets = new Targets(inventory, opts.limit(), opts.slice());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, opts.forks()), r -> {
            Thread t = new Thread(r, "gplay-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pending = new PendingLedger(pendingStore, opts.check(), reporter);
        dispatch = new TaskDispatch(state, reporter, pool, new TaskOnHost(state, modules, opts, reporter, targets,
                pending));
        // a gate's checks change nothing, so they notify no handler to keep
        gates = new GateWatch(state, new TaskOnHost(state, modules, opts.withCheck(true), new Reporter() { }, targets,
                new PendingLedger(null, true, reporter)), reporter, opts.check());
        reporter.playbookStart(playbook, opts.check());
        reportUnhonoured(playbook, targets);
        reportRunOnceInSlice(playbook);
        Map<String, List<String>> left = Map.of();
        try {
            pending.load(playbook, targets);
            for (Play play : playbook.plays()) {
                if (state.interrupted || !runPlay(play, targets)) {
                    break;
                }
            }
            left = pending.report();
        } finally {
            pool.shutdownNow();
            if (!session) {
                state.endConnections();
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) {
            HostRun r = state.existing(h.name());
            if (r != null) {
                stats.put(h.name(), r.stats);
            }
        }
        reporter.recap(stats, System.currentTimeMillis() - t0);
        List<String> retry = stats.keySet().stream().filter(h -> !state.existing(h).active()).sorted().toList();
        return new RunSummary(stats, state.interrupted, state.checkModeViolation, state.internalError,
                state.gateStopped, retry, left, stop);
    }

    /**
     * A warning for each {@code ansible_*} variable the playbook's hosts set that gplay does not honour
     * ({@link HonouredVars}); a session's hosts are looked at once.
     */
    private void reportUnhonoured(Playbook playbook, Targets targets) {
        List<Host> fresh = new ArrayList<>();
        playbook.plays().forEach(p -> targets.of(p).stream().filter(h -> varsLookedAt.add(h.name())).forEach(fresh::add));
        HonouredVars.report(fresh, opts.verbosity() > 0).forEach(reporter::warning);
    }

    /** With {@code --slice}, says that runOnce tasks run once in each slice, not once over all hosts. */
    private void reportRunOnceInSlice(Playbook playbook) {
        if (opts.slice() == null) {
            return;
        }
        List<String> once = playbook.plays().stream()
                .flatMap(p -> Stream.concat(p.allTasks(), p.handlers().stream()))
                .filter(t -> t.options().runOnce()).map(t -> "'" + t.title() + "' (" + t.source() + ")").toList();
        if (!once.isEmpty()) {
            reporter.warning("--slice " + opts.slice() + ": runOnce tasks run once in each slice (and each batch),"
                    + " not once over all hosts: " + String.join(", ", once));
        }
    }

    /**
     * Runs a play batch by batch ({@code serial}); false when it stops, which ends the playbook, as in Ansible: its
     * failure limits stopped a batch ({@link FailureLimits}), every host of a batch failed with hosts left, or one
     * of its health gates did not pass before a batch (whose hosts are then stopped, not started) or after it.
     */
    private boolean runPlay(Play play, Targets targets) {
        List<Host> hosts = targets.of(play).stream().filter(h -> state.runFor(h).active()).toList();
        reporter.playStart(play, hosts);
        if (hosts.isEmpty()) {
            reporter.warning("no hosts matched '" + play.hosts() + "'"
                    + (opts.limit() == null ? "" : " with --limit " + opts.limit())
                    + (opts.slice() == null ? "" : " in --slice " + opts.slice()) + ", or all have failed");
            return true;
        }
        List<List<Host>> batches = play.rollout().batches(hosts);
        for (int i = 0; i < batches.size() && !state.interrupted; i++) {
            List<Host> batch = batches.get(i);
            String name = "batch " + (i + 1) + " of " + batches.size() + " (" + names(batch) + ")";
            String gate = gates.await(play, "before", name, active(batch));
            if (gate != null) {
                active(batch).forEach(h -> h.stopped = true);
                return stopped(play, "before " + name, gate, batches.subList(i, batches.size()));
            }
            String stop = new BatchRun(play, batch, state, opts, dispatch, start, pending).run();
            List<List<Host>> rest = batches.subList(i + 1, batches.size());
            if (stop == null && active(batch).isEmpty() && !rest.isEmpty()) {
                stop = "every host of the batch failed";
            }
            if (stop == null && !state.interrupted && !active(batch).isEmpty()) {
                stop = gates.await(play, "after", name, active(batch));
                if (stop != null) {
                    return stopped(play, "after " + name, stop, rest);
                }
            }
            if (stop != null) {
                return stopped(play, "in " + name, stop, rest);
            }
        }
        return true;
    }

    /** Says why and where a play stopped, and which hosts it did not start; false, as the playbook ends. */
    private boolean stopped(Play play, String where, String why, List<List<Host>> notStartedBatches) {
        List<Host> notStarted = notStartedBatches.stream().flatMap(List::stream).toList();
        stop = "play '" + play.name() + "' stopped " + where + ": " + why + "; not started: "
                + (notStarted.isEmpty() ? "none" : names(notStarted)) + "; the playbook ends here";
        reporter.warning(stop);
        return false;
    }

    private static String names(List<Host> hosts) {
        return String.join(", ", hosts.stream().map(Host::name).toList());
    }

    private List<HostRun> active(List<Host> batch) {
        return batch.stream().map(state::runFor).filter(HostRun::active).toList();
    }
}
