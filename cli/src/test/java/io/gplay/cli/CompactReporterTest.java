package io.gplay.cli;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Change;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.Handled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What hosts print reaches the console's and exec's terminal escaped: a host cannot clear it or retitle it. */
class CompactReporterTest {
    private static final String HOSTILE = "\u001b[2J\u001b]0;pwned\u0007over\rwritten";

    @Test
    void hostOutputMessagesAndDiffsAreShownEscaped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompactReporter reporter = new CompactReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true);
        Task task = new Task("t", "command", Map.of(), TaskOptions.none(), new Source("site.groovy", 3));
        Host host = new Host("h1", List.of(), Map.of());

        reporter.hostResult(task, host, new Result(Status.CHANGED, HOSTILE, List.of(new Change("edit",
                new Diff("/etc/motd", "", HOSTILE + "\n"))), Map.of("stdout", HOSTILE)), null, Handled.NO);
        reporter.warning(HOSTILE);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\u001b") || out.contains("\u0007") || out.contains("\r"), out);
        assertTrue(out.contains("\\e[2J"), out);
    }
}
