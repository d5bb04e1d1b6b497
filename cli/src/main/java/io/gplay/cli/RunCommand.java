package io.gplay.cli;

import io.gplay.dsl.DslException;
import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryException;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.report.ConsoleReporter;
import io.gplay.engine.report.MaskingReporter;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Reporters;
import io.gplay.engine.report.RunLog;
import io.gplay.engine.run.PendingHandlers;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.run.Runner;
import io.gplay.engine.run.Slice;
import io.gplay.engine.vault.SecretMask;
import io.gplay.engine.vault.VaultSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code gplay run PLAYBOOK -i INVENTORY}: the ansible-playbook of gplay. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a playbook on the hosts of an inventory.",
                "Exit codes: 0 all ok, 1 bad input (nothing touched), 2 a task failed (so too a play stopped by maxFailPercentage"
                        + " or anyErrorsFatal), 4 a host was unreachable, 99 interrupted."})
class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "a playbook file, or the name of a bundled one (gplay list)")
    String playbook;

    @Mixin
    TargetOptions target;

    @Option(names = {"-C", "--check"}, description = "predict every change and show it; change nothing on any host")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "show the diff of each file and setting that changes")
    boolean diff;

    @Option(names = {"-t", "--tags"}, split = ",", description = "only tasks with these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", split = ",", description = "skip tasks with these tags")
    List<String> skipTags = new ArrayList<>();

    @Option(names = "--start-at-task", description = "start at the task with this title")
    String startAtTask;

    @Option(names = "--force-handlers", description = "run notified handlers even on hosts that failed")
    boolean forceHandlers;

    @Option(names = "--list-hosts", description = "list the hosts each play would run on, and exit")
    boolean listHosts;

    @Option(names = "--list-tasks", description = "list the tasks of each play, and exit")
    boolean listTasks;

    @Option(names = "--syntax-check", description = "compile and check the playbook (and the inventory, running none of its scripts), and exit")
    boolean syntaxCheck;

    @Option(names = "--report", description = "also write a report (repeatable): json=FILE (a JSON event a line), junit=FILE (JUnit XML; drift is a failure), html=FILE (a self-contained page)")
    List<String> reports = new ArrayList<>();

    @Option(names = "--retry-file", paramLabel = "FILE", description = "after a run with failures, write the hosts that"
            + " failed, were unreachable or were stopped with their batch to FILE, one a line (run again with --limit"
            + " @FILE); default: PLAYBOOK.retry when retry_files_enabled is on in ansible.cfg")
    Path retryFile;

    @Option(names = "--slice", paramLabel = "K/N", description = "run only slice K of N (K from 1 to N) of the targeted"
            + " hosts, each host's slice fixed by its name; N runs, one a slice, cover every host once (gplay report"
            + " merge combines their JSON reports)")
    String slice;

    @Option(names = "--profile", description = "after the recap, list the slowest tasks with their time on each host")
    boolean profile;

    @Mixin
    RunLogOption log;

    @Option(names = "-v", description = "more output (module messages, command output)")
    boolean[] verbose = new boolean[0];

    private ModuleRegistry modules;

    /** Audit sets these: check mode with diffs, its own reporting and exit code. */
    boolean audit;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Slice part = slice == null ? null : Slice.parse(slice);
        Inventory inventory;
        Playbook plan;
        try {
            if (syntaxCheck) {
                target.inventoryForCheck();
                // compiled and checked, never run, no vault opened: safe on an untrusted change
                PlaybookLoader checker = loader(VaultSecrets.sealed());
                PlaybookLoader.Summary s = Files.isRegularFile(Path.of(playbook)) ? checker.check(Path.of(playbook))
                        : checker.checkBundled(bundledName(playbook));
                out.println("playbook: " + playbook + " (" + s.plays() + " plays, " + s.tasks() + " tasks): no problem found");
                if (!s.unread().isEmpty()) {
                    out.println("not checked: the parameters given to " + String.join(", ", s.unread()) + " (modules"
                            + " of the playbook's own: making one runs its code; the plan checks them)");
                }
                return 0;
            }
            // the inventory (its vault files' key derivation above all) is read beside the playbook's loading
            target.askNow();
            CompletableFuture<Inventory> loading = CompletableFuture.supplyAsync(target::loadInventory, task -> {
                Thread t = new Thread(task, "gplay-inventory");
                t.setDaemon(true);
                t.start();
            });
            DslException problems = null;
            Playbook built = null;
            try {
                built = load(playbook);
            } catch (DslException e) {
                problems = e;
            }
            inventory = joined(loading); // an inventory's error first, as when it was read first
            if (problems != null) {
                throw problems;
            }
            plan = built;
        } catch (InventoryException e) {
            System.err.println("gplay: " + e.getMessage());
            return 1;
        } catch (DslException e) {
            e.problems().forEach(p -> System.err.println(SecretMask.global().mask(p)));
            System.err.println("gplay: " + e.problems().size() + " problem(s) in " + playbook + "; no host was touched");
            return 1;
        }
        RunOptions opts = target.runOptions().output(check || audit, diff || audit, verbose.length)
                .tasks(tags, skipTags, startAtTask, forceHandlers).slice(part).build();
        List<Reporter> reporters = new ArrayList<>();
        boolean tty = Tty.colour();
        reporters.add(audit ? new AuditReporter(out, tty) : new ConsoleReporter(out, tty, opts.diff(), opts.verbosity()));
        for (String r : reports) {
            reporters.add(ReportFiles.open(r));
        }
        if (profile) {
            reporters.add(new ProfileReporter(out));
        }
        RunLog runLog = log.open(target);
        if (runLog != null) {
            reporters.add(runLog);
        }
        // every report reaches its reader with each value read from a vault masked
        Reporter reporter = new MaskingReporter(new Reporters(reporters), SecretMask.global());
        // the modules the plan was made with: gplay's, the plugin jars' and the playbook's own
        Runner runner = new Runner(inventory, modules, opts, reporter);
        if (DaemonServer.kept() != null) {
            runner.keepConnectionsIn(DaemonServer.kept());
        }
        List<String> problems = listHosts || listTasks ? runner.preflightForListing(plan) : runner.preflight(plan);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(SecretMask.global().mask(p)));
            System.err.println("gplay: " + problems.size() + " problem(s); no host was touched");
            RunLogOption.close(runLog);
            return 1;
        }
        if (listHosts || listTasks) {
            new PlanListing(plan, runner, out).print(listTasks);
            RunLogOption.close(runLog);
            return 0;
        }
        runner.keepPendingHandlers(new PendingHandlers(PendingHandlers.defaultRoot(), identity(playbook)));
        Interrupts.onInterrupt(runner::interrupt);
        RunSummary summary = runner.run(plan);
        writeRetryFile(summary.retryHosts(), out);
        if (summary.checkModeViolation()) {
            System.err.println("gplay: ENGINE ERROR: a module tried to change a host in check mode (see above); "
                    + "the change was refused. Please report this bug.");
        }
        if (summary.internalError()) {
            System.err.println("gplay: INTERNAL ERROR: a task ended in an error of gplay itself (see above); "
                    + "the hosts it ran on may not have finished it. Please report this bug.");
        }
        int code = summary.exitCode();
        if (audit && code == 0 && summary.changed() > 0) {
            code = 3;
        }
        for (Reporter r : reporters) {
            if (r instanceof JsonReporter json) {
                json.runEnd(summary, part, code);
            }
        }
        LibraryLogger.to(null);
        reporter.close();
        return code;
    }

    /** The hosts to retry, where {@link RetryFile} says, and where they went; a file not written is a warning. */
    private void writeRetryFile(List<String> hosts, PrintStream out) {
        ConfigDefaults config = target.configured();
        RetryFile.where(retryFile, config.retryFilesEnabled(), config.retryFilesSavePath(), playbook,
                !Files.isRegularFile(Path.of(playbook))).filter(f -> !hosts.isEmpty()).ifPresent(f -> {
                    try {
                        RetryFile.write(f, hosts);
                        out.println("hosts to retry written to " + f + "; to retry, use: --limit @" + f);
                    } catch (IOException e) {
                        System.err.println("gplay: could not write the retry file: " + Main.describe(e));
                    }
                });
    }

    private static Inventory joined(CompletableFuture<Inventory> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private PlaybookLoader loader(VaultSecrets vault) {
        return new PlaybookLoader(ModuleRegistry.load(), PlaybookLoader.defaultCacheDir())
                .rolesPath(target.rolesPath()).modulePath(target.modulePath()).vault(vault);
    }

    /** The plan; {@link #modules} then holds the modules it was made with. */
    private Playbook load(String name) {
        PlaybookLoader loader = loader(target.vault.secrets());
        boolean file = Files.isRegularFile(Path.of(name));
        Playbook plan = file ? loader.load(Path.of(name)) : loader.loadBundled(bundledName(name));
        modules = file ? loader.modules(Path.of(name).toAbsolutePath().getParent()) : loader.bundledModules();
        return plan;
    }

    /** What names the playbook across runs, for its pending handlers: its real path, or a bundled one's name. */
    private static String identity(String name) throws IOException {
        Path file = Path.of(name);
        return Files.isRegularFile(file) ? file.toRealPath().toString() : "bundled:" + bundledName(name);
    }

    private static String bundledName(String name) {
        return name.endsWith(".groovy") ? name : name + ".groovy";
    }
}
