package io.gplay.cli;

import groovy.json.JsonSlurper;
import io.gplay.engine.module.Status;
import io.gplay.engine.report.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON-lines report's recap carries the console recap's counters, rescued among them. */
class JsonReporterTest {
    @TempDir
    Path dir;

    @Test
    void theRecapCountsRescuedFailuresApartFromFailedOnes() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Stats stats = new Stats();
        stats.count(Status.OK, false, false);
        stats.count(Status.FAILED, false, true);
        JsonReporter reporter = new JsonReporter(file);
        reporter.recap(Map.of("h1", stats), 10);
        reporter.close();

        List<String> lines = Files.readAllLines(file);
        Map<?, ?> recap = (Map<?, ?>) new JsonSlurper().parseText(lines.get(lines.size() - 1));
        assertEquals("recap", recap.get("event"));
        assertEquals(Map.of("ok", 1, "changed", 0, "unreachable", 0, "failed", 0, "skipped", 0, "rescued", 1,
                "ignored", 0), ((Map<?, ?>) recap.get("hosts")).get("h1"));
    }
}
