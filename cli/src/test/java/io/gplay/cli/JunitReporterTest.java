package io.gplay.cli;

import io.gplay.engine.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JUnit report agrees with the run's outcome: a failure a block's rescue took back, or one ignored, is a
 * passing test case that says so, as Ansible's junit callback reports an ignored failure; another is an error.
 */
class JunitReporterTest {
    @TempDir
    Path dir;

    @Test
    void aRescuedOrIgnoredFailureIsAPassingTestCaseThatSaysSo() throws Exception {
        Path file = dir.resolve("junit.xml");

        RunSummary summary = ReportedRun.run(dir, ReportedRun.HANDLED, new JunitReporter(file));

        String xml = Files.readString(file);
        assertEquals(0, summary.exitCode(), "the run is green");
        assertTrue(xml.contains("<testsuite name=\"h1\" tests=\"4\" failures=\"0\" errors=\"0\" skipped=\"0\">"), xml);
        assertFalse(xml.contains("<error"), xml);
        assertTrue(xml.contains("name=\"break\" file=\"p.groovy:3\">\n      <system-out>failed, rescued by its block: "
                + "broken</system-out>\n    </testcase>"), xml);
        assertTrue(xml.contains("name=\"optional\" file=\"p.groovy:7\">\n      <system-out>failed, ignored: "
                + "not there</system-out>\n    </testcase>"), xml);
    }

    @Test
    void aFailureNothingTakesBackIsAnError() throws Exception {
        Path file = dir.resolve("junit.xml");

        RunSummary summary = ReportedRun.run(dir, """
                playbook('p') { play('p', hosts: 'web', gatherFacts: false) {
                    verify 'break', that: false, msg: 'broken'
                } }
                """, new JunitReporter(file));

        String xml = Files.readString(file);
        assertEquals(2, summary.exitCode());
        assertTrue(xml.contains("errors=\"1\""), xml);
        assertTrue(xml.contains("<error type=\"failed\" message=\"broken\"/>"), xml);
    }
}
