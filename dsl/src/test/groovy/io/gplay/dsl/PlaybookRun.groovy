package io.gplay.dsl

import io.gplay.engine.inventory.Host
import io.gplay.engine.inventory.Inventory
import io.gplay.engine.module.ModuleRegistry
import io.gplay.engine.report.ConsoleReporter
import io.gplay.engine.report.MaskingReporter
import io.gplay.engine.run.RunOptions
import io.gplay.engine.run.RunSummary
import io.gplay.engine.run.Runner
import io.gplay.engine.vault.SecretMask

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/** A playbook's text run on one local host ('h1', group 'web'), with what the console showed. */
final class PlaybookRun {
    RunSummary summary
    String out
    List<String> problems

    static Runner runner(Map<String, Object> hostVars, PrintStream console) {
        Host h1 = new Host('h1', ['web'], [ansible_connection: 'local'] + hostVars)
        Inventory inventory = new Inventory([h1: h1], [web: ['h1']])
        new Runner(inventory, ModuleRegistry.load(), RunOptions.defaults(),
                new MaskingReporter(new ConsoleReporter(console, false, false, 0), SecretMask.global()))
    }

    static PlaybookRun of(Path dir, String text, Map<String, Object> hostVars = [:]) {
        def plan = new PlaybookLoader(ModuleRegistry.load(), dir.resolve('cache')).load('p.groovy', 'p.groovy', text)
        def bytes = new ByteArrayOutputStream()
        def runner = runner(hostVars, new PrintStream(bytes, true, StandardCharsets.UTF_8))
        def run = new PlaybookRun(problems: runner.preflight(plan))
        if (run.problems.isEmpty()) {
            run.summary = runner.run(plan)
        }
        run.out = bytes.toString(StandardCharsets.UTF_8)
        run
    }
}
