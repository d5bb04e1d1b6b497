package io.gplay.cli;

import groovy.json.JsonSlurper;
import io.gplay.engine.module.Status;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON-lines report's recap carries the console recap's counters, rescued among them; each host's result says
 * whether its failure was rescued or ignored.
 */
class JsonReporterTest {
    @TempDir
    Path dir;

    @Test
    void theRecapCountsRescuedFailuresApartFromFailedOnes() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Stats stats = new Stats();
        stats.count(Status.OK, Handled.NO);
        stats.count(Status.FAILED, Handled.RESCUED);
        JsonReporter reporter = new JsonReporter(file);
        reporter.recap(Map.of("h1", stats), 10);
        reporter.close();

        List<String> lines = Files.readAllLines(file);
        Map<?, ?> recap = (Map<?, ?>) new JsonSlurper().parseText(lines.get(lines.size() - 1));
        assertEquals("recap", recap.get("event"));
        assertEquals(Map.of("ok", 1, "changed", 0, "unreachable", 0, "failed", 0, "skipped", 0, "rescued", 1,
                "ignored", 0), ((Map<?, ?>) recap.get("hosts")).get("h1"));
    }

    @Test
    void aHostResultSaysWhetherItsFailureWasRescuedOrIgnored() throws Exception {
        Path file = dir.resolve("run.jsonl");

        ReportedRun.run(dir, ReportedRun.HANDLED, new JsonReporter(file));

        Map<Object, List<Object>> flags = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Map<?, ?> e = (Map<?, ?>) new JsonSlurper().parseText(line);
            if ("host_result".equals(e.get("event"))) {
                flags.put(e.get("task"), Arrays.asList(e.get("status"), e.get("rescued"), e.get("ignored")));
            }
        }
        assertEquals(Map.of("break", List.of("failed", true, false), "mend", List.of("ok", false, false),
                "optional", List.of("failed", false, true), "after", List.of("ok", false, false)), flags);
    }
}
