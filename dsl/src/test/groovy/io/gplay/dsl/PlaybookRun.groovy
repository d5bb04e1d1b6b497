package io.gplay.dsl

import io.gplay.engine.inventory.Host
import io.gplay.engine.inventory.Inventory
import io.gplay.engine.module.Module
import io.gplay.engine.module.ModuleContext
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.module.ModuleSpec
import io.gplay.engine.plan.Playbook
import io.gplay.engine.report.ConsoleReporter
import io.gplay.engine.report.MaskingReporter
import io.gplay.engine.report.Stats
import io.gplay.engine.run.RunOptions
import io.gplay.engine.run.RunSummary
import io.gplay.engine.run.Runner
import io.gplay.engine.vault.SecretMask

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * A playbook's text run on local hosts (by default 'h1', in group 'web'), with what the console showed. The
 * modules are gplay's own and {@code where}, which says which host's connection it ran on.
 */
final class PlaybookRun {
    static final ModuleRegistry MODULES = new ModuleRegistry(ModuleRegistry.load().all().values() + [new Where()])

    RunSummary summary
    String out
    List<String> problems

    static Runner runner(Map<String, Object> hostVars, PrintStream console) {
        runner(['h1'], [h1: hostVars], RunOptions.defaults(), console)
    }

    static Runner runner(List<String> names, Map<String, Map<String, Object>> hostVars, RunOptions options,
                         PrintStream console) {
        Map<String, Host> hosts = names.collectEntries { n ->
            [n, new Host(n, ['web'], [ansible_connection: 'local'] + (hostVars[n] ?: [:]))]
        }
        new Runner(new Inventory(hosts, [web: names]), MODULES, options,
                new MaskingReporter(new ConsoleReporter(console, false, false, 0), SecretMask.global()))
    }

    /** The problems a plan's making ({@code loader.load}) or {@code loader.check} reported, none when it passed. */
    static List<String> problems(Closure<?> load) {
        try {
            load()
            []
        } catch (DslException e) {
            e.problems()
        }
    }

    /**
     * What a plan's making or {@code --syntax-check} says of a playbook, to compare one with the other: 'ok', or
     * each distinct problem, sorted, without the chain of uses a plan names (a role used twice is built twice, its
     * problems said for each use; --syntax-check reads its files once).
     */
    static String verdict(Closure<?> load) {
        List<String> p = problems(load)
        p ? p.collect { it.replaceFirst(/ \[in (role|task file) .*\]$/, '') }.unique().sort().join('\n') : 'ok'
    }

    static PlaybookRun of(Path dir, String text, Map<String, Object> hostVars = [:]) {
        run(new PlaybookLoader(MODULES, dir.resolve('cache')).load('p.groovy', 'p.groovy', text), [hostVars: [h1: hostVars]])
    }

    /**
     * With settings: {@code hosts} (names, all local, in group web), {@code hostVars} (by host), {@code options}
     * (RunOptions), {@code pending} (a PendingHandlers store, as the CLI gives); the playbook is written to
     * {@code dir/p.groovy} first, so roles beside it are found.
     */
    static PlaybookRun of(Map settings, Path dir, String text) {
        Path file = dir.resolve('p.groovy')
        Files.writeString(file, text)
        run(new PlaybookLoader(MODULES, dir.resolve('cache')).load(file), settings)
    }

    private static PlaybookRun run(Playbook plan, Map settings) {
        def bytes = new ByteArrayOutputStream()
        def runner = runner(settings.hosts ?: ['h1'], settings.hostVars ?: [:], settings.options ?: RunOptions.defaults(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))
        if (settings.pending) {
            runner.keepPendingHandlers(settings.pending)
        }
        def run = new PlaybookRun(problems: runner.preflight(plan))
        if (run.problems.isEmpty()) {
            run.summary = runner.run(plan)
        }
        run.out = bytes.toString(StandardCharsets.UTF_8)
        run
    }

    /** Each task the console showed, in order, with each host's status: {@code 'deploy: h1 ok, h2 failed'}. */
    List<String> getRan() {
        List<String> ran = []
        String title = null
        Map<String, String> hosts = new TreeMap<>()
        def flush = { if (title != null) ran << "${title}: ${hosts.collect { h, s -> "$h $s" }.join(', ')}".toString() }
        out.eachLine { line ->
            def task = line =~ /^(?:TASK|RUNNING HANDLER) \[(.*)\] \*+$/
            def result = line =~ /^(ok|changed|failed|skipping|fatal): \[([^\]]+)\]/
            if (task) {
                flush()
                title = task[0][1]
                hosts = new TreeMap<>()
            } else if (result && title != null) {
                hosts[result[0][2]] = result[0][1]
            }
        }
        flush()
        ran
    }

    Stats stats(String host) {
        summary.stats()[host]
    }

    /** Says which host's connection it ran on, in its message and as {@code ranOn}. */
    static final class Where implements Module {
        @Override
        ModuleSpec spec() {
            new ModuleSpec('where', 'says which host it ran on')
        }

        @Override
        void run(ModuleContext ctx) {
            ctx.msg("ran on ${ctx.host().name()}".toString())
            ctx.set('ranOn', ctx.host().name())
            ctx.set('display', true)
        }
    }
}
