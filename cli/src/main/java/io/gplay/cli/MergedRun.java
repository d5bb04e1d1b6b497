package io.gplay.cli;

import io.gplay.engine.report.Stats;
import io.gplay.engine.run.RunSummary;
import io.gplay.engine.run.Slice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The reports of the slices of one run ({@code --slice K/N}), or of runs on disjoint hosts, as one: the hosts'
 * counts side by side, and the exit code one run would give for those results (99 interrupted, then 4 a host
 * unreachable, then 2 a failure, a stopped play, an engine error, then 3 an audit's drift, else 0). Refused: reports
 * of different playbooks, of a check run beside a real one, sharing a host, or not the whole of one set of slices.
 */
record MergedRun(List<SliceReport> reports, Map<String, Stats> stats, int exitCode) {

    static MergedRun of(List<SliceReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no report to merge");
        }
        SliceReport first = reports.get(0);
        for (SliceReport r : reports) {
            if (!r.playbook().equals(first.playbook()) || !fileName(r).equals(fileName(first))) {
                throw new IllegalArgumentException(r.file() + " reports playbook '" + r.playbook() + "' ("
                        + r.playbookFile() + "), " + first.file() + " '" + first.playbook() + "' ("
                        + first.playbookFile() + "): merge the reports of one playbook");
            }
            if (r.check() != first.check()) {
                throw new IllegalArgumentException((r.check() ? r : first).file() + " is a check run, "
                        + (r.check() ? first : r).file() + " is not: merge the reports of one kind of run");
            }
        }
        checkSlices(reports);
        Map<String, Stats> stats = new TreeMap<>();
        Map<String, Path> where = new HashMap<>();
        for (SliceReport r : reports) {
            r.hosts().forEach((host, s) -> {
                Path before = where.put(host, r.file());
                if (before != null) {
                    throw new IllegalArgumentException("host " + host + " is in " + before + " and in " + r.file()
                            + ": the reports overlap (slices of different inventories, or a report given twice?)");
                }
                stats.put(host, s);
            });
        }
        Map<String, List<String>> pending = new LinkedHashMap<>();
        reports.forEach(r -> pending.putAll(r.pendingHandlers()));
        RunSummary summary = new RunSummary(stats, reports.stream().anyMatch(SliceReport::interrupted),
                reports.stream().anyMatch(SliceReport::checkModeViolation),
                reports.stream().anyMatch(SliceReport::internalError),
                reports.stream().anyMatch(SliceReport::gateStopped), List.of(), pending, null);
        int code = summary.exitCode();
        if (code == 0 && reports.stream().anyMatch(r -> r.exitCode() == 3)) {
            code = 3;
        }
        return new MergedRun(List.copyOf(reports), stats, code);
    }

    /** All reports are slices of one N, each slice once, none missing; or none is a slice. */
    private static void checkSlices(List<SliceReport> reports) {
        List<SliceReport> sliced = reports.stream().filter(r -> r.slice() != null).toList();
        if (sliced.isEmpty()) {
            return;
        }
        if (sliced.size() != reports.size()) {
            SliceReport whole = reports.stream().filter(r -> r.slice() == null).findFirst().orElseThrow();
            throw new IllegalArgumentException(whole.file() + " is not a slice, " + sliced.get(0).file() + " is slice "
                    + sliced.get(0).slice() + ": merge the slices of one run, or runs without --slice");
        }
        int n = sliced.get(0).slice().count();
        Map<Integer, Path> seen = new TreeMap<>();
        for (SliceReport r : sliced) {
            Slice s = r.slice();
            if (s.count() != n) {
                throw new IllegalArgumentException(r.file() + " is slice " + s + ", " + sliced.get(0).file()
                        + " slice " + sliced.get(0).slice() + ": the slices of one run share N");
            }
            Path before = seen.put(s.index(), r.file());
            if (before != null) {
                throw new IllegalArgumentException("slice " + s + " is given twice: " + before + " and " + r.file());
            }
        }
        List<String> missing = IntStream.rangeClosed(1, n).filter(k -> !seen.containsKey(k))
                .mapToObj(k -> k + "/" + n).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("slice" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " missing: give the report of every slice (a slice that failed to start has none: run it again)");
        }
    }

    private static String fileName(SliceReport r) {
        Path name = Path.of(r.playbookFile()).getFileName();
        return name == null ? "" : name.toString();
    }

    /** The hosts to retry over all slices, in name order. */
    List<String> retryHosts() {
        return reports.stream().flatMap(r -> r.retryHosts().stream()).sorted().toList();
    }

    /** The longest slice's time: the slices run side by side. */
    long elapsedMillis() {
        return reports.stream().mapToLong(SliceReport::elapsedMillis).max().orElse(0);
    }

    /** What each slice says of itself beyond the counts: exit code, a stopped play, gates, pending handlers, retries. */
    List<String> sliceLines() {
        List<SliceReport> ordered = new ArrayList<>(reports);
        ordered.sort((a, b) -> a.slice() == null || b.slice() == null ? 0
                : Integer.compare(a.slice().index(), b.slice().index()));
        List<String> out = new ArrayList<>();
        for (SliceReport r : ordered) {
            out.add(r.label() + ": " + r.hosts().size() + " host(s), exit " + r.exitCode()
                    + (r.interrupted() ? ", interrupted" : ""));
            if (r.stopped() != null) {
                out.add("  " + r.stopped());
            }
            if (!r.gatesAsked().isEmpty()) {
                out.add("  health gates asked: " + r.gatesAsked().size() + (r.gateStopped() ? ", one did not pass"
                        : ", all passed"));
            }
            r.pendingHandlers().forEach((host, names) -> out.add("  handlers pending on " + host + ": "
                    + String.join(", ", names)));
            if (!r.retryHosts().isEmpty()) {
                out.add("  to retry: " + String.join(", ", r.retryHosts()));
            }
        }
        return out;
    }
}
