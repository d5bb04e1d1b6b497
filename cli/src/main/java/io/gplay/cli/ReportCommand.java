package io.gplay.cli;

import groovy.json.JsonOutput;
import io.gplay.engine.report.ConsoleReporter;
import io.gplay.engine.report.Stats;
import io.gplay.engine.report.TerminalText;
import io.gplay.engine.vault.SecretMask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gplay report}: what can be done with the JSON reports of runs. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Works on the JSON reports of runs.",
        subcommands = ReportCommand.Merge.class)
class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code gplay report merge}: the slices' reports as the recap and exit code of one run. */
    @Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Combines the JSON reports of the slices of a run (gplay run --slice K/N --report json=FILE)"
                    + " into one recap, and exits with the code one run over all their hosts would give.",
                    "Refuses reports of different playbooks, sharing a host, or missing a slice.",
                    "Exit codes: as gplay run (0, 2, 3 for an audit's drift, 4, 99); 1 reports refused."})
    static final class Merge implements Callable<Integer> {
        @Parameters(paramLabel = "REPORT", arity = "1..*", description = "the JSON reports, one a slice")
        List<Path> files = new ArrayList<>();

        @Option(names = "--json", paramLabel = "FILE", description = "also write the merged report to FILE (JSON lines,"
                + " as a run's, its run_end listing the slices)")
        Path json;

        @Option(names = "--retry-file", paramLabel = "FILE", description = "write the hosts to retry, of every slice, to"
                + " FILE, one a line (run again with --limit @FILE)")
        Path retryFile;

        @Override
        public Integer call() throws IOException {
            List<SliceReport> reports = new ArrayList<>();
            for (Path f : files) {
                reports.add(SliceReport.read(f));
            }
            MergedRun merged = MergedRun.of(reports);
            PrintStream out = System.out;
            SecretMask mask = SecretMask.global();
            out.println("SLICES " + "*".repeat(71));
            // what a report says may hold a host's output: no control character reaches the terminal
            merged.sliceLines().forEach(l -> out.println(TerminalText.escaped(mask.mask(l))));
            boolean tty = Tty.colour();
            new ConsoleReporter(out, tty, false, 0).recap(merged.stats(), merged.elapsedMillis());
            out.println("exit code of the merged run: " + merged.exitCode());
            if (retryFile != null && !merged.retryHosts().isEmpty()) {
                RetryFile.write(retryFile, merged.retryHosts());
                out.println("hosts to retry written to " + retryFile + "; to retry, use: --limit @" + retryFile);
            }
            if (json != null) {
                writeJson(merged, json);
            }
            return merged.exitCode();
        }

        /** The merged run as a report of its own: playbook_start, recap, and run_end with each slice's ending. */
        private static void writeJson(MergedRun merged, Path file) throws IOException {
            SliceReport first = merged.reports().get(0);
            Map<String, Object> hosts = new LinkedHashMap<>();
            merged.stats().forEach((h, s) -> hosts.put(h, counts(s)));
            List<Map<String, Object>> slices = new ArrayList<>();
            for (SliceReport r : merged.reports()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("file", r.file().toString());
                s.put("slice", r.slice() == null ? null : Map.of("index", r.slice().index(), "count", r.slice().count()));
                s.put("exit_code", r.exitCode());
                s.put("stopped", r.stopped());
                s.put("gate_stopped", r.gateStopped());
                s.put("retry_hosts", r.retryHosts());
                s.put("pending_handlers", r.pendingHandlers());
                slices.add(s);
            }
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("slice", null);
            end.put("exit_code", merged.exitCode());
            end.put("interrupted", merged.reports().stream().anyMatch(SliceReport::interrupted));
            end.put("gate_stopped", merged.reports().stream().anyMatch(SliceReport::gateStopped));
            end.put("check_mode_violation", merged.reports().stream().anyMatch(SliceReport::checkModeViolation));
            end.put("internal_error", merged.reports().stream().anyMatch(SliceReport::internalError));
            end.put("stopped", null);
            end.put("retry_hosts", merged.retryHosts());
            Map<String, Object> pending = new LinkedHashMap<>();
            merged.reports().forEach(r -> pending.putAll(r.pendingHandlers()));
            end.put("pending_handlers", pending);
            end.put("slices", slices);
            List<String> lines = List.of(
                    line("playbook_start", Map.of("playbook", first.playbook(), "file", first.playbookFile(),
                            "check", first.check())),
                    line("recap", Map.of("hosts", hosts, "elapsed_ms", merged.elapsedMillis())),
                    line("run_end", end));
            Files.write(file, lines);
        }

        private static Map<String, Object> counts(Stats s) {
            return Map.of("ok", s.ok(), "changed", s.changed(), "unreachable", s.unreachable(), "failed", s.failed(),
                    "skipped", s.skipped(), "rescued", s.rescued(), "ignored", s.ignored());
        }

        private static String line(String event, Map<String, Object> fields) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event", event);
            e.put("time", Instant.now().toString());
            e.putAll(fields);
            return JsonOutput.toJson(e);
        }
    }
}
