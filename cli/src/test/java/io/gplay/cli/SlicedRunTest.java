package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.report.Stats;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.run.Runner;
import io.gplay.engine.run.Slice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet run as four slices, each with its JSON report, then merged, gives what one run over the fleet gives: the
 * same counts for every host, the same exit code, the same hosts to retry; each host in exactly one slice.
 */
class SlicedRunTest {
    @TempDir
    Path dir;

    static final String PLAYBOOK = """
            playbook('fleet') { play('fleet', hosts: 'all', gatherFacts: false) {
                debug 'hello', msg: 'hi'
                setFact 'mark', marked: true
                verify 'healthy', that: { !vars.bad }, msg: 'marked bad'
                debug 'after', msg: 'still here', when: { vars.quiet != true }
            } }
            """;

    /** 24 local hosts: f01..f24, three of them bad, every fourth quiet. */
    static Inventory fleet() {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 1; i <= 24; i++) {
            String name = String.format("f%02d", i);
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("ansible_connection", "local");
            vars.put("bad", i % 8 == 3);
            vars.put("quiet", i % 4 == 0);
            hosts.put(name, new Host(name, List.of(), vars));
        }
        return new Inventory(hosts, Map.of());
    }

    @Test
    void fourSlicesMergedGiveTheCountsAndExitCodeOfOneRun() throws Exception {
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook plan = new PlaybookLoader(modules, dir.resolve("cache")).load("fleet.groovy", "fleet.groovy", PLAYBOOK);
        RunSummary whole = run(plan, modules, null, dir.resolve("whole.jsonl"));

        List<SliceReport> slices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 1; k <= 4; k++) {
            Path report = dir.resolve("slice-" + k + ".jsonl");
            RunSummary part = run(plan, modules, new Slice(k, 4), report);
            slices.add(SliceReport.read(report));
            for (String host : part.stats().keySet()) {
                assertEquals(k, Slice.of(host, 4), host + " ran in slice " + k);
                assertTrue(seen.add(host), host + " ran in two slices");
            }
        }
        MergedRun merged = MergedRun.of(slices);

        assertEquals(counts(whole.stats()), counts(merged.stats()));
        assertEquals(24, merged.stats().size());
        assertEquals(2, whole.exitCode());
        assertEquals(whole.exitCode(), merged.exitCode());
        assertEquals(whole.retryHosts(), merged.retryHosts());
    }

    @Test
    void aSliceWithNoHostRunsNothingAndItsReportStillMerges() throws Exception {
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook plan = new PlaybookLoader(modules, dir.resolve("cache")).load("fleet.groovy", "fleet.groovy", PLAYBOOK);
        // 24 hosts in 64 slices leave most slices empty
        int empty = IntStream.rangeClosed(1, 64).filter(k -> fleet().hosts().stream()
                .noneMatch(h -> Slice.of(h.name(), 64) == k)).findFirst().orElseThrow();
        Path report = dir.resolve("empty.jsonl");

        RunSummary summary = run(plan, modules, new Slice(empty, 64), report);

        assertEquals(0, summary.exitCode());
        assertEquals(Map.of(), SliceReport.read(report).hosts());
        assertEquals(new Slice(empty, 64), SliceReport.read(report).slice());
    }

    @Test
    void aSlicedRunSaysThatItsRunOnceTasksRunOnceInEachSlice() throws Exception {
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook plan = new PlaybookLoader(modules, dir.resolve("cache")).load("once.groovy", "once.groovy", """
                playbook('once') { play('once', hosts: 'all', gatherFacts: false) {
                    debug 'elect', msg: 'leader', runOnce: true
                } }
                """);
        List<String> warnings = new ArrayList<>();
        Reporter collecting = new Reporter() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };

        RunSummary sliced = new Runner(fleet(), modules, RunOptions.builder().slice(new Slice(1, 2)).build(),
                collecting).run(plan);
        new Runner(fleet(), modules, RunOptions.defaults(), collecting).run(plan);

        assertEquals(0, sliced.exitCode());
        assertEquals(List.of("--slice 1/2: runOnce tasks run once in each slice (and each batch), not once over all"
                + " hosts: 'elect' (once.groovy:2)"), warnings);
    }

    private static RunSummary run(Playbook plan, ModuleRegistry modules, Slice slice, Path report) throws Exception {
        JsonReporter json = new JsonReporter(report);
        RunSummary summary = new Runner(fleet(), modules, RunOptions.builder().slice(slice).build(), json).run(plan);
        json.runEnd(summary, slice, summary.exitCode());
        json.close();
        return summary;
    }

    /** Each host's counts as text, in name order, to compare two runs. */
    private static Map<String, String> counts(Map<String, Stats> stats) {
        Map<String, String> out = new TreeMap<>();
        stats.forEach((h, s) -> out.put(h, "ok=" + s.ok() + " changed=" + s.changed() + " unreachable="
                + s.unreachable() + " failed=" + s.failed() + " skipped=" + s.skipped() + " rescued=" + s.rescued()
                + " ignored=" + s.ignored()));
        return out;
    }
}
