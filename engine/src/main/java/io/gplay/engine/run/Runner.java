package io.gplay.engine.run;

import io.gplay.engine.connection.Become;
import io.gplay.engine.connection.CheckModeGuard;
import io.gplay.engine.connection.CheckModeViolation;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.UnreachableException;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs a playbook with the linear strategy: each task on all of a play's hosts in parallel (up to
 * {@code forks} at once), then the next task. A host whose task fails leaves the rest of the playbook; an
 * unreachable host too; the others go on. Notified handlers run once per host at the end of each play (or
 * at {@code flushHandlers}), in the order they are defined.
 */
public final class Runner {
    private static final String FACTS_MODULE = "setup";

    private final Inventory inventory;
    private final ModuleRegistry modules;
    private RunOptions opts;
    private boolean session;
    private final Reporter reporter;
    private final Connections connections;
    private final Map<String, HostRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> hostvars = new ConcurrentHashMap<>();
    private final Map<String, Path> playbookFolders = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groups;
    /**
     * Each play's host names, for every task's scope: worked out once per run, not once per task and host.
     * By identity: a play is a record, and hashing its tasks for every lookup would cost more than it saves.
     */
    private final Map<Play, List<String>> playHostNames = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile boolean interrupted;
    private volatile boolean engineError;
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private boolean startReached;
    private ExecutorService pool;

    public Runner(Inventory inventory, ModuleRegistry modules, RunOptions opts, Reporter reporter) {
        this.inventory = inventory.withExtraVars(opts.extraVars());
        this.modules = modules;
        this.opts = opts;
        this.reporter = reporter;
        this.connections = new Connections(opts.acceptNewHostKeys(), opts.knownHosts());
        this.groups = this.inventory.groupsWithAll();
        for (Host h : this.inventory.hosts()) {
            // a variable may be null (`key:` in YAML): a synchronized map takes that, a concurrent one does not
            hostvars.put(h.name(), Collections.synchronizedMap(new LinkedHashMap<>(h.vars())));
        }
    }

    /**
     * Session mode, for the console: connections, facts and registered results outlive a run, so the next
     * command on the same hosts costs no new handshake; each run starts with no host failed.
     */
    public Runner session() {
        this.session = true;
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
        HostRun r = runs.get(host);
        return r == null ? Map.of() : r.facts;
    }

    /** How many connections this runner has opened so far: the console shows how many a command opened. */
    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Closes every connection (the end of a session). */
    public void close() {
        runs.values().forEach(HostRun::closeConnection);
    }

    /** Stops starting new tasks; running commands end when their connections are closed. */
    public void interrupt() {
        interrupted = true;
        runs.values().forEach(HostRun::closeConnection);
    }

    /** Hosts a play targets after {@code --limit}. */
    public List<Host> hostsOf(Play play) {
        List<Host> hosts = inventory.select(play.hosts());
        if (opts.limit() != null) {
            Set<String> limit = inventory.select(opts.limit()).stream().map(Host::name).collect(Collectors.toSet());
            hosts = hosts.stream().filter(h -> limit.contains(h.name())).toList();
        }
        return hosts;
    }

    /**
     * Problems found before any connection: a {@code --limit} that matches no host, a {@code --start-at-task}
     * that names no task, connection variables that cannot be used, variables the playbook requires that a
     * targeted host lacks.
     */
    public List<String> preflight(Playbook playbook) {
        List<String> problems = new ArrayList<>();
        // as ansible-playbook: a limit that leaves no host is an error (a typo in a CI job's -l is not a green run)
        if (opts.limit() != null && inventory.select(opts.limit()).isEmpty()) {
            problems.add("--limit '" + opts.limit() + "' matches no host of the inventory");
        }
        if (opts.startAtTask() != null) {
            List<String> titles = playbook.plays().stream().flatMap(p -> p.tasks().stream()).map(Task::title).toList();
            if (!titles.contains(opts.startAtTask())) {
                String hint = io.gplay.engine.module.Names.closest(opts.startAtTask(), titles);
                problems.add("--start-at-task '" + opts.startAtTask() + "': no task has this title"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
        Set<Host> targeted = new java.util.LinkedHashSet<>();
        playbook.plays().forEach(p -> targeted.addAll(hostsOf(p)));
        for (Host h : targeted) {
            problems.addAll(Connections.problems(h));
        }
        for (Playbook.RequiredVar rv : playbook.requiredVars()) {
            for (Play play : playbook.plays()) {
                for (Host h : hostsOf(play)) {
                    if (!h.vars().containsKey(rv.name()) && !play.vars().containsKey(rv.name())) {
                        String p = rv.source() + ": required variable '" + rv.name() + "' is not set for host "
                                + h.name() + (rv.doc().isEmpty() ? "" : " (" + rv.doc() + ")");
                        if (!problems.contains(p)) {
                            problems.add(p);
                        }
                    }
                }
            }
        }
        return problems;
    }

    public RunSummary run(Playbook playbook) {
        long t0 = System.currentTimeMillis();
        startReached = opts.startAtTask() == null;
        playHostNames.clear();
        if (session) {
            interrupted = false;
            runs.replaceAll((name, r) -> r.carryOver());
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, opts.forks()), r -> {
            Thread t = new Thread(r, "gplay-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        reporter.playbookStart(playbook, opts.check());
        boolean batchLost = false;
        try {
            for (Play play : playbook.plays()) {
                if (interrupted) {
                    break;
                }
                List<Host> hosts = hostsOf(play).stream().filter(h -> runFor(h).active()).toList();
                reporter.playStart(play, hosts);
                if (hosts.isEmpty()) {
                    reporter.warning("no hosts matched '" + play.hosts() + "'"
                            + (opts.limit() == null ? "" : " with --limit " + opts.limit()) + ", or all have failed");
                    continue;
                }
                int size = play.serial() > 0 ? play.serial() : hosts.size();
                for (int i = 0; i < hosts.size() && !interrupted && !batchLost; i += size) {
                    List<Host> batch = hosts.subList(i, Math.min(hosts.size(), i + size));
                    runBatch(play, batch);
                    // a rolling update whose whole batch failed stops there, as in Ansible
                    batchLost = active(batch).isEmpty() && i + size < hosts.size();
                }
                if (batchLost) {
                    reporter.warning("every host of a batch failed: the play's remaining hosts and the plays after"
                            + " it are not run");
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
            if (!session) {
                close();
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) {
            HostRun r = runs.get(h.name());
            if (r != null) {
                stats.put(h.name(), r.stats);
            }
        }
        reporter.recap(stats, System.currentTimeMillis() - t0);
        return new RunSummary(stats, interrupted, engineError);
    }

    private HostRun runFor(Host h) {
        return runs.computeIfAbsent(h.name(), k -> new HostRun(h));
    }

    private List<HostRun> active(List<Host> batch) {
        return batch.stream().map(this::runFor).filter(HostRun::active).toList();
    }

    private void runBatch(Play play, List<Host> batch) {
        if (play.gatherFacts() && startReached) {
            // a session gathers a host's facts once
            runTask(play, new Task("Gathering Facts", FACTS_MODULE, Map.of(), TaskOptions.none(), play.source()),
                    active(batch).stream().filter(r -> !session || r.facts.isEmpty()).toList(), false);
        }
        for (Task task : play.tasks()) {
            if (interrupted || active(batch).isEmpty()) {
                break;
            }
            if (!startReached) {
                if (!task.title().equals(opts.startAtTask())) {
                    continue;
                }
                startReached = true;
                if (play.gatherFacts()) {
                    runTask(play, new Task("Gathering Facts", FACTS_MODULE, Map.of(), TaskOptions.none(),
                            play.source()), active(batch), false);
                }
            }
            if (task.isFlush()) {
                runHandlers(play, batch);
            } else if (selects(task)) {
                runTask(play, task, active(batch), false);
            }
        }
        if (!interrupted) {
            runHandlers(play, batch);
        }
    }

    /** Whether --tags and --skip-tags let a task run. */
    public boolean selects(Task task) {
        List<String> tags = task.options().tags();
        if (tags.stream().anyMatch(opts.skipTags()::contains)) {
            return false;
        }
        if (opts.tags().isEmpty() || opts.tags().contains("all")) {
            return !tags.contains("never");
        }
        return tags.contains("always") || tags.stream().anyMatch(opts.tags()::contains);
    }

    private void runHandlers(Play play, List<Host> batch) {
        for (Task handler : play.handlers()) {
            List<HostRun> hosts = new ArrayList<>();
            for (Host h : batch) {
                HostRun r = runFor(h);
                boolean eligible = r.active() || opts.forceHandlers() && r.unreachable == null;
                synchronized (r) {
                    if (eligible && r.notified.remove(handler.title())) {
                        hosts.add(r);
                    }
                }
            }
            if (!hosts.isEmpty() && !interrupted) {
                runTask(play, handler, hosts, true);
            }
        }
    }

    private void runTask(Play play, Task task, List<HostRun> hosts, boolean handler) {
        if (hosts.isEmpty()) {
            return;
        }
        reporter.taskStart(task, handler);
        if (task.options().runOnce()) {
            HostRun first = hosts.get(0);
            Result r = executeAndRecord(play, task, first);
            if (task.options().register() != null) {
                hosts.forEach(h -> h.registered.put(task.options().register(), r.registered()));
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (HostRun h : hosts) {
            futures.add(pool.submit(() -> executeAndRecord(play, task, h)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
            } catch (ExecutionException e) {
                engineError = true;
                reporter.warning("internal error in task '" + task.title() + "': " + e.getCause());
            }
        }
    }

    private Result executeAndRecord(Play play, Task task, HostRun hr) {
        reporter.hostStart(task, hr.host);
        TaskOptions o = task.options();
        Result r;
        boolean itemsReported = false;
        try {
            HostScope scope = scope(play, hr);
            if (o.loop() == null) {
                r = skippedByWhen(o, scope) ? Result.skipped("conditional result was false") : once(play, task, hr, scope);
            } else {
                // as in Ansible, `when` is asked for each item, with `item` in its scope
                List<?> items = loopItems(o.loop(), scope);
                List<Map<String, Object>> results = new ArrayList<>();
                Status agg = Status.SKIPPED;
                List<String> changes = new ArrayList<>();
                for (Object item : items) {
                    HostScope itemScope = scope.withItem(item);
                    Result ri = skippedByWhen(o, itemScope) ? Result.skipped("conditional result was false")
                            : once(play, task, hr, itemScope);
                    reporter.hostResult(task, hr.host, ri, item);
                    Map<String, Object> reg = ri.registered();
                    reg.put("item", item);
                    results.add(reg);
                    changes.addAll(ri.changes());
                    agg = worse(agg, ri.status());
                    if (ri.status() == Status.UNREACHABLE) {
                        break;
                    }
                }
                itemsReported = !items.isEmpty();
                r = new Result(agg, items.isEmpty() ? "no items" : agg == Status.SKIPPED ? "every item was skipped"
                        : null, changes, List.of(), Map.of("results", results));
            }
        } catch (HostScope.UndefinedVariable e) {
            r = Result.failed(task.source() + ": " + e.getMessage());
        } catch (UnreachableException e) {
            r = Result.unreachable(e.getMessage());
        } catch (RuntimeException e) {
            r = Result.failed(task.source() + ": " + describe(e));
        }
        record(task, hr, r, itemsReported);
        return r;
    }

    /** The folder of the playbook a task is in, for its local files (the current one for a bundled playbook). */
    private Path playbookFolder(Task task) {
        // asked for every task on every host: the file system is asked once a playbook
        return playbookFolders.computeIfAbsent(task.source().file(), f -> task.source().folder().orElse(Path.of("")));
    }

    private static boolean skippedByWhen(TaskOptions o, HostScope scope) {
        return o.when() != null && !Truth.of(o.when().resolve(scope));
    }

    private static Status worse(Status a, Status b) {
        List<Status> order = List.of(Status.SKIPPED, Status.OK, Status.CHANGED, Status.FAILED, Status.UNREACHABLE);
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }

    private void record(Task task, HostRun hr, Result r, boolean itemsReported) {
        TaskOptions o = task.options();
        if (o.register() != null) {
            hr.registered.put(o.register(), r.registered());
        }
        boolean ignored = r.status() == Status.FAILED && o.ignoreErrors();
        switch (r.status()) {
            case UNREACHABLE -> {
                hr.unreachable = r.msg();
                hr.closeConnection();
            }
            case FAILED -> hr.failed |= !ignored;
            case CHANGED -> o.handlers().forEach(hr::notifyHandler);
            default -> {
            }
        }
        if (task.module().equals(FACTS_MODULE) && r.status() != Status.FAILED && r.data().get("facts") instanceof Map<?, ?> f) {
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = (Map<String, Object>) f;
            hr.facts = facts;
            hostvars.get(hr.host.name()).put("facts", facts);
        }
        hr.stats.count(r.status(), ignored);
        if (!itemsReported) {
            reporter.hostResult(task, hr.host, ignored ? r.withMsg(r.msg() + " (ignored)") : r, null);
        }
    }

    private HostScope scope(Play play, HostRun hr) {
        Map<String, Object> vars = new LinkedHashMap<>(hr.host.vars());
        vars.putAll(play.vars());
        vars.putAll(hr.registered);
        vars.putAll(opts.extraVars());
        return new HostScope(hr.host.name(), vars, hr.facts, groups, hostvars, opts.check())
                .withPlayHosts(playHostNames.computeIfAbsent(play, p -> hostsOf(p).stream().map(Host::name).toList()));
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

    private Result once(Play play, Task task, HostRun hr, HostScope scope) {
        TaskOptions o = task.options();
        Module module = modules.find(task.module()).orElseThrow(
                () -> new ModuleFailure("unknown module '" + task.module() + "'"));
        Map<String, Object> params;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) resolve(task.params(), scope);
            params = ParamValidator.resolve(module.spec(), raw);
        } catch (ModuleFailure e) {
            return Result.failed(task.source() + ": " + e.getMessage());
        }
        HostRun target = hr;
        if (o.delegateTo() != null) {
            Object d = o.delegateTo() instanceof Deferred def ? def.resolve(scope) : o.delegateTo();
            Host dh = inventory.host(String.valueOf(d));
            if (dh == null) {
                return Result.failed(task.source() + ": delegateTo '" + d + "' is not an inventory host");
            }
            target = runFor(dh);
        }
        Connection conn = connection(play, task, target);
        Result r = null;
        for (int attempt = 0; ; attempt++) {
            HostRun t = target;
            ModuleContext ctx = new ModuleContext(params, target.host, target.facts, conn, opts.check())
                    .reachableAnew(() -> reachableAnew(t.host)).predictions(t.predicted)
                    .variables(scope.asMap()).localBase(playbookFolder(task));
            r = runModule(module, ctx, target);
            r = applyConditions(task, r, scope);
            if (o.until() == null || r.status() == Status.SKIPPED || r.status() == Status.UNREACHABLE) {
                return r;
            }
            if (Truth.of(o.until().resolve(scope.withResult(r.registered())))) {
                return r;
            }
            if (attempt >= o.retries() || interrupted) {
                return r.withStatus(Status.FAILED).withMsg("until condition not met after " + (attempt + 1)
                        + " attempt(s)" + (r.msg() == null || r.msg().isEmpty() ? "" : ": " + r.msg()));
            }
            try {
                Thread.sleep((long) (o.delay() * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    private Result runModule(Module module, ModuleContext ctx, HostRun target) {
        try {
            module.run(ctx);
            return ctx.result();
        } catch (ModuleFailure e) {
            Result partial = ctx.result();
            Map<String, Object> data = new LinkedHashMap<>(partial.data());
            data.put("failed", true);
            data.put("msg", e.getMessage());
            return new Result(Status.FAILED, e.getMessage(), partial.changes(), partial.diffs(), data);
        } catch (CheckModeViolation e) {
            engineError = true;
            return Result.failed("ENGINE ERROR: module '" + module.name() + "' tried to change " + target.host.name()
                    + " in check mode; this is a bug in the module and nothing was changed (" + e.getMessage() + ")");
        } catch (UnreachableException e) {
            throw e;
        } catch (Exception e) {
            return Result.failed(describe(e));
        }
    }

    private Result applyConditions(Task task, Result r, HostScope scope) {
        TaskOptions o = task.options();
        if (r.status() == Status.SKIPPED || r.status() == Status.UNREACHABLE) {
            return r;
        }
        if (o.changedWhen() != null && r.status() != Status.FAILED) {
            r = r.withStatus(Truth.of(o.changedWhen().resolve(scope.withResult(r.registered())))
                    ? Status.CHANGED : Status.OK);
        }
        if (o.failedWhen() != null) {
            boolean failed = Truth.of(o.failedWhen().resolve(scope.withResult(r.registered())));
            if (failed) {
                r = r.withStatus(Status.FAILED).withMsg("failedWhen condition is true" + (r.msg() == null ? ""
                        : ": " + r.msg()));
            } else if (r.status() == Status.FAILED) {
                r = r.withStatus(r.changes().isEmpty() ? Status.OK : Status.CHANGED);
            }
        }
        return r;
    }

    private Connection connection(Play play, Task task, HostRun target) {
        Connection base;
        synchronized (target) {
            if (target.unreachable != null) {
                throw new UnreachableException(target.unreachable);
            }
            if (target.connection == null) {
                target.connection = connections.open(target.host);
                connectionsOpened.incrementAndGet();
            }
            base = target.connection;
        }
        boolean become = task.options().become() != null ? task.options().become()
                : play.become() || Boolean.TRUE.equals(ParamType.BOOL.coerce(target.host.var("ansible_become")));
        String becomeUser = play.becomeUser() != null ? play.becomeUser()
                : target.host.varString("ansible_become_user", "root");
        String loginUser = String.valueOf(target.facts.getOrDefault("user",
                target.host.varString("ansible_user", System.getProperty("user.name"))));
        Connection c = become && !becomeUser.equals(loginUser) ? new Become(base, becomeUser) : base;
        return opts.check() ? new CheckModeGuard(c) : c;
    }

    private boolean reachableAnew(Host host) {
        try (Connection fresh = connections.open(host)) {
            return fresh.exec(io.gplay.engine.connection.Command.probe("true")).ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Replaces every per-host value, however deep in lists and maps, by its value on this host. */
    static Object resolve(Object v, HostScope scope) {
        if (v instanceof Deferred d) {
            return resolve(d.resolve(scope), scope);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), resolve(val, scope)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(resolve(x, scope)));
            return out;
        }
        if (v instanceof CharSequence s && !(v instanceof String)) {
            return s.toString();
        }
        return v;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
