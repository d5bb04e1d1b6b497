package io.gplay.cli;

import groovy.json.JsonException;
import groovy.json.JsonSlurper;
import io.gplay.engine.report.Stats;
import io.gplay.engine.run.Slice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One finished run as its JSON report ({@code --report json=FILE}) tells it: the playbook, the hosts' counts, and
 * how it ended (its {@code run_end} line: slice, exit code, retry hosts, pending handlers, why a play stopped).
 * What {@code gplay report merge} combines.
 */
record SliceReport(Path file, String playbook, String playbookFile, boolean check, Slice slice,
                   Map<String, Stats> hosts, long elapsedMillis, int exitCode, boolean interrupted,
                   boolean gateStopped, boolean checkModeViolation, boolean internalError, String stopped,
                   List<String> retryHosts, Map<String, List<String>> pendingHandlers, Set<String> gatesAsked) {

    /** Reads a report; an error names the file (and the line) and what to do. */
    static SliceReport read(Path file) throws IOException {
        Map<?, ?> start = null;
        Map<?, ?> recap = null;
        Map<?, ?> end = null;
        Set<String> gates = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Map<?, ?> e;
            try {
                e = (Map<?, ?>) new JsonSlurper().parseText(lines.get(i));
            } catch (JsonException | ClassCastException x) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a line of a gplay JSON report");
            }
            switch (String.valueOf(e.get("event"))) {
                case "playbook_start" -> start = e;
                case "recap" -> recap = e;
                case "run_end" -> end = e;
                case "gate" -> gates.add(e.get("gate") + " " + e.get("when"));
                default -> { }
            }
        }
        if (start == null) {
            throw new IllegalArgumentException(file + ": not a gplay JSON report (no playbook_start line); write one"
                    + " with gplay run --report json=FILE");
        }
        if (recap == null || end == null) {
            throw new IllegalArgumentException(file + ": the run did not finish (no " + (recap == null ? "recap"
                    : "run_end") + " line): it was killed or stopped on bad input; run it again");
        }
        try {
            return of(file, start, recap, end, gates);
        } catch (ClassCastException | NullPointerException x) {
            throw new IllegalArgumentException(file + ": its recap or run_end line is not as gplay writes it");
        }
    }

    private static SliceReport of(Path file, Map<?, ?> start, Map<?, ?> recap, Map<?, ?> end, Set<String> gates) {
        Map<String, Stats> hosts = new LinkedHashMap<>();
        ((Map<?, ?>) recap.get("hosts")).forEach((h, c) -> hosts.put((String) h, stats((Map<?, ?>) c)));
        Map<?, ?> slice = (Map<?, ?>) end.get("slice");
        Map<String, List<String>> pending = new LinkedHashMap<>();
        ((Map<?, ?>) end.get("pending_handlers")).forEach((h, names) -> pending.put((String) h, strings(names)));
        return new SliceReport(file, (String) start.get("playbook"), (String) start.get("file"),
                Boolean.TRUE.equals(start.get("check")),
                slice == null ? null : new Slice(number(slice, "index"), number(slice, "count")), hosts,
                ((Number) recap.get("elapsed_ms")).longValue(), number(end, "exit_code"), flag(end, "interrupted"),
                flag(end, "gate_stopped"), flag(end, "check_mode_violation"), flag(end, "internal_error"),
                (String) end.get("stopped"), strings(end.get("retry_hosts")), pending, gates);
    }

    private static Stats stats(Map<?, ?> c) {
        return Stats.of(number(c, "ok"), number(c, "changed"), number(c, "unreachable"), number(c, "failed"),
                number(c, "skipped"), number(c, "rescued"), number(c, "ignored"));
    }

    private static int number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    private static boolean flag(Map<?, ?> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        ((List<?>) list).forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    /** How it names itself in the merged recap: its slice, or its file. */
    String label() {
        return (slice == null ? "report" : "slice " + slice) + " (" + file + ")";
    }
}
