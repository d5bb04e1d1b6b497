package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.report.MaskingReporter;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Reporters;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.run.Runner;
import io.gplay.engine.vault.SecretMask;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A playbook's text run in-process on the local host h1 (group web), its reports wired as {@code gplay run} wires them. */
final class ReportedRun {
    /** A block whose rescue takes back its failure, then a failure with ignoreErrors: a green run. */
    static final String HANDLED = """
            playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
                block('deploy') {
                    verify 'break', that: false, msg: 'broken'
                } rescue {
                    debug 'mend', msg: 'mended'
                }
                verify 'optional', that: false, msg: 'not there', ignoreErrors: true
                debug 'after', msg: 'still here'
            } }
            """;

    private ReportedRun() {
    }

    static RunSummary run(Path dir, String text, Reporter... reports) {
        Inventory inventory = new Inventory(Map.of("h1", new Host("h1", List.of("web"), Map.of("ansible_connection", "local"))),
                Map.of("web", List.of("h1")));
        ModuleRegistry modules = ModuleRegistry.load();
        Reporter reporter = new MaskingReporter(new Reporters(List.of(reports)), SecretMask.global());
        RunSummary summary = new Runner(inventory, modules, RunOptions.defaults(), reporter)
                .run(new PlaybookLoader(modules, dir.resolve("cache")).load("p.groovy", "p.groovy", text));
        reporter.close();
        return summary;
    }
}
