package io.gplay.cli;

import io.gplay.engine.report.Stats;
import io.gplay.engine.run.Slice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gplay report merge}: the exit code one run over the slices' hosts would give, and a clear refusal of
 * reports that are not the slices of one run.
 */
class MergedRunTest {
    @TempDir
    Path dir;

    static final Stats OK = Stats.of(3, 1, 0, 0, 0, 0, 0);
    static final Stats FAILED = Stats.of(1, 0, 0, 1, 0, 0, 0);
    static final Stats LOST = Stats.of(0, 0, 1, 0, 0, 0, 0);

    /** A report of playbook p, slice K/N (null: none), with these hosts, its exit code what the counts give. */
    static SliceReport report(String file, Slice slice, Map<String, Stats> hosts) {
        int code = hosts.values().stream().anyMatch(s -> s.unreachable() > 0) ? 4
                : hosts.values().stream().anyMatch(s -> s.failed() > 0) ? 2 : 0;
        return new SliceReport(Path.of(file), "p", "/builds/x/site.groovy", false, slice, hosts, 1000, code, false,
                false, false, false, null, List.of(), Map.of(), Set.of());
    }

    static SliceReport slice(int k, int n, Map<String, Stats> hosts) {
        return report("s" + k + ".json", new Slice(k, n), hosts);
    }

    @Test
    void theExitCodeIsOneRunsOverAllHosts() {
        assertEquals(0, MergedRun.of(List.of(slice(1, 2, Map.of("a", OK)), slice(2, 2, Map.of("b", OK)))).exitCode());
        assertEquals(2, MergedRun.of(List.of(slice(1, 2, Map.of("a", OK)), slice(2, 2, Map.of("b", FAILED))))
                .exitCode());
        assertEquals(4, MergedRun.of(List.of(slice(1, 3, Map.of("a", FAILED)), slice(2, 3, Map.of("b", LOST)),
                slice(3, 3, Map.of("c", OK)))).exitCode());
        SliceReport gateStopped = new SliceReport(Path.of("g.json"), "p", "site.groovy", false, new Slice(2, 2),
                Map.of("b", OK), 10, 2, false, true, false, false, "play 'p' stopped before batch 1 of 1 (b): gate",
                List.of("b"), Map.of(), Set.of("up before batch 1 of 1 (b)"));
        MergedRun merged = MergedRun.of(List.of(slice(1, 2, Map.of("a", OK)), gateStopped));
        assertEquals(2, merged.exitCode());
        assertEquals(List.of("b"), merged.retryHosts());
        assertTrue(merged.sliceLines().containsAll(List.of("  play 'p' stopped before batch 1 of 1 (b): gate",
                "  health gates asked: 1, one did not pass", "  to retry: b")), merged.sliceLines().toString());
    }

    @Test
    void reportsThatAreNotTheSlicesOfOneRunAreRefused() {
        assertEquals("slice 2/3 missing: give the report of every slice (a slice that failed to start has none: run it"
                + " again)", refusal(slice(1, 3, Map.of("a", OK)), slice(3, 3, Map.of("c", OK))));
        assertEquals("slice 1/2 is given twice: s1.json and t.json", refusal(slice(1, 2, Map.of("a", OK)),
                report("t.json", new Slice(1, 2), Map.of("b", OK)), slice(2, 2, Map.of("c", OK))));
        assertEquals("s2.json is slice 2/3, s1.json slice 1/2: the slices of one run share N",
                refusal(slice(1, 2, Map.of("a", OK)), slice(2, 3, Map.of("b", OK))));
        assertEquals("w.json is not a slice, s1.json is slice 1/2: merge the slices of one run, or runs without"
                + " --slice", refusal(slice(1, 2, Map.of("a", OK)), report("w.json", null, Map.of("b", OK))));
        assertEquals("host a is in s1.json and in s2.json: the reports overlap (slices of different inventories, or a"
                + " report given twice?)", refusal(slice(1, 2, Map.of("a", OK)), slice(2, 2, Map.of("a", OK))));
        SliceReport other = new SliceReport(Path.of("q.json"), "q", "/w/q.groovy", false, new Slice(2, 2), Map.of(),
                0, 0, false, false, false, false, null, List.of(), Map.of(), Set.of());
        assertEquals("q.json reports playbook 'q' (/w/q.groovy), s1.json 'p' (/builds/x/site.groovy): merge the reports"
                + " of one playbook", refusal(slice(1, 2, Map.of("a", OK)), other));
    }

    @Test
    void unslicedRunsOnDisjointHostsMergeAndTheSamePlaybookMayLieElsewhere() {
        SliceReport moved = new SliceReport(Path.of("b.json"), "p", "/home/ci/site.groovy", false, null,
                Map.of("b", OK), 10, 0, false, false, false, false, null, List.of(), Map.of(), Set.of());
        MergedRun merged = MergedRun.of(List.of(report("a.json", null, Map.of("a", OK)), moved));
        assertEquals(List.of("a", "b"), List.copyOf(merged.stats().keySet()));
    }

    @Test
    void theCommandPrintsOneRecapWritesTheMergedReportAndRefusesAnUnfinishedRun() throws Exception {
        Path a = write("a.jsonl", 1, Map.of("web1", "\"ok\": 2, \"changed\": 1, \"unreachable\": 0, \"failed\": 0"), 0,
                List.of());
        Path b = write("b.jsonl", 2, Map.of("web2", "\"ok\": 1, \"changed\": 0, \"unreachable\": 0, \"failed\": 1"), 2,
                List.of("web2"));
        Path merged = dir.resolve("merged.jsonl");
        Path retry = dir.resolve("merged.retry");

        Out run = gplay("report", "merge", a.toString(), b.toString(), "--json", merged.toString(), "--retry-file",
                retry.toString());

        assertEquals(2, run.code, run.err);
        assertTrue(run.out.contains("slice 2/2 (" + b + "): 1 host(s), exit 2\n  to retry: web2"), run.out);
        assertTrue(run.out.contains("\nweb1   : ok=2   changed=1  unreachable=0  failed=0  skipped=0  rescued=0"
                + "  ignored=0\nweb2   : ok=1   changed=0  unreachable=0  failed=1  skipped=0  rescued=0  ignored=0\n"),
                run.out);
        assertTrue(run.out.contains("exit code of the merged run: 2"), run.out);
        assertEquals(List.of("web2"), Files.readAllLines(retry));
        // the merged report reads as a report of its own
        assertEquals(2, SliceReport.read(merged).exitCode());
        assertEquals(Set.of("web1", "web2"), SliceReport.read(merged).hosts().keySet());

        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, Files.readAllLines(a).subList(0, 2));
        Out refused = gplay("report", "merge", cut.toString(), b.toString());
        assertEquals(1, refused.code);
        assertEquals("gplay: " + cut + ": the run did not finish (no run_end line): it was killed or stopped on bad"
                + " input; run it again\n", refused.err);
    }

    @Test
    void whatAReportSaysReachesTheTerminalWithoutItsControlCharacters() throws Exception {
        Path a = write("a.jsonl", 1, Map.of("web1", "\"ok\": 1, \"changed\": 0, \"unreachable\": 0, \"failed\": 0"), 0,
                List.of());
        Path b = dir.resolve("b.jsonl");
        Files.writeString(b, Files.readString(write("b.jsonl", 2, Map.of("web2", "\"ok\": 1, \"changed\": 0,"
                + " \"unreachable\": 0, \"failed\": 1"), 2, List.of("web2"))).replace("\"stopped\": null",
                "\"stopped\": \"play 'p' stopped: gate said \\u001b]0;owned\\u0007\""));

        Out run = gplay("report", "merge", a.toString(), b.toString());

        assertEquals(2, run.code, run.err);
        assertTrue(run.out.contains("  play 'p' stopped: gate said \\e]0;owned\\a\n"), run.out);
        assertTrue(run.out.chars().noneMatch(c -> c == 0x1b || c == 0x07), run.out);
    }

    private Path write(String name, int k, Map<String, String> hosts, int code, List<String> retry) throws Exception {
        StringBuilder counts = new StringBuilder();
        hosts.forEach((h, c) -> counts.append(counts.length() == 0 ? "" : ", ").append('"').append(h).append("\": {")
                .append(c).append(", \"skipped\": 0, \"rescued\": 0, \"ignored\": 0}"));
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n",
                "{\"event\": \"playbook_start\", \"playbook\": \"p\", \"file\": \"site.groovy\", \"check\": false}",
                "{\"event\": \"recap\", \"hosts\": {" + counts + "}, \"elapsed_ms\": 1200}",
                "{\"event\": \"run_end\", \"slice\": {\"index\": " + k + ", \"count\": 2}, \"exit_code\": " + code
                        + ", \"interrupted\": false, \"gate_stopped\": false, \"check_mode_violation\": false,"
                        + " \"internal_error\": false, \"stopped\": null, \"retry_hosts\": "
                        + groovy.json.JsonOutput.toJson(retry) + ", \"pending_handlers\": {}}", ""));
        return f;
    }

    private static String refusal(SliceReport... reports) {
        return assertThrows(IllegalArgumentException.class, () -> MergedRun.of(List.of(reports))).getMessage();
    }

    record Out(int code, String out, String err) {
    }

    private static Out gplay(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
