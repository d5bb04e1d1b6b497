package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Step;
import io.gplay.engine.report.MaskingReporter;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.run.Runner;
import io.gplay.engine.vault.SecretMask;

import java.util.List;
import java.util.Map;

/**
 * Hosts and settings that outlive one command, for the console and the ad-hoc command: a runner in session
 * mode keeps each host's SSH connection and facts, so a second command on the same hosts costs no handshake.
 */
final class Session implements AutoCloseable {
    final Inventory inventory;
    final ModuleRegistry modules;
    private final Runner runner;
    String pattern;
    boolean become;
    /** What {@code :load} needs to build a playbook's plan: where roles are, what opens its encrypted files. */
    java.util.List<java.nio.file.Path> rolesPath = java.util.List.of();
    java.util.List<java.nio.file.Path> modulePath = java.util.List.of();
    io.gplay.engine.vault.VaultSecrets vault = io.gplay.engine.vault.VaultSecrets.none();

    private io.gplay.dsl.PlaybookLoader loader;

    /**
     * Builds plans as {@code gplay run} would, with this session's roles path, module path and vault (set before
     * the first call); one loader for the session, so that the modules of a folder are made once.
     */
    io.gplay.dsl.PlaybookLoader loader() {
        if (loader == null) {
            loader = new io.gplay.dsl.PlaybookLoader(ModuleRegistry.load(), io.gplay.dsl.PlaybookLoader.defaultCacheDir())
                    .rolesPath(rolesPath).modulePath(modulePath).vault(vault);
        }
        return loader;
    }

    Session(Inventory inventory, ModuleRegistry modules, RunOptions opts, String pattern, Reporter reporter) {
        this.inventory = inventory;
        this.modules = modules;
        this.pattern = pattern;
        this.runner = new Runner(inventory, modules, opts, new MaskingReporter(reporter, SecretMask.global())).session();
    }

    /** The hosts the current pattern selects within the session's {@code --limit}, as a run would. */
    List<Host> targets() {
        return select(pattern);
    }

    /** The hosts a pattern selects within the session's {@code --limit}. */
    List<Host> select(String pattern) {
        List<Host> hosts = inventory.select(pattern);
        String limit = runner.options().limit();
        if (limit == null) {
            return hosts;
        }
        List<Host> within = inventory.select(limit);
        return hosts.stream().filter(within::contains).toList();
    }

    RunOptions options() {
        return runner.options();
    }

    void options(RunOptions opts) {
        runner.options(opts);
    }

    Map<String, Object> facts(String host) {
        return runner.facts(host);
    }

    /** Runs steps on the current targets as one play; handlers are not part of ad-hoc work. */
    RunSummary run(List<Step> tasks, String title) {
        Play play = new Play(title, pattern, Map.of(), Rollout.ALL, become, null, true, tasks, List.of(), new Source("console", 0));
        return runner.run(new Playbook(title, "console", List.of(play), List.of()));
    }

    /**
     * Runs a play of a loaded playbook, or some of its tasks, as {@code gplay run} would (its variables, become,
     * handlers, the playbook's required variables), on its hosts among the current targets.
     */
    RunSummary run(Playbook loaded, Play play, List<Step> tasks) {
        Play part = new Play(play.name(), play.hosts() + ":&" + pattern, play.vars(), play.rollout(),
                play.become() || become, play.becomeUser(), play.gatherFacts(), tasks, play.handlers(), play.source(),
                play.roleArguments());
        return runner.run(new Playbook(loaded.name(), loaded.file(), List.of(part), loaded.requiredVars()));
    }

    /** Runs a whole playbook (or part of it) with this session's connections. */
    RunSummary run(Playbook playbook) {
        return runner.run(playbook);
    }

    /** How many connections the session has opened so far. */
    int connectionsOpened() {
        return runner.connectionsOpened();
    }

    void interrupt() {
        runner.interrupt();
    }

    @Override
    public void close() {
        runner.close();
    }
}
