package io.gplay.engine.report;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleReporterTest {
    /** Clear screen, set the window title, return to the line's start to print over it. */
    private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007\rok: [h1]";

    @Test
    void escapeSequencesFromAHostAreShownEscapedNotSentToTheTerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReporter console = new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                false, 1);
        Task task = new Task("t", "command", Map.of(), TaskOptions.none(), new Source("site.groovy", 3));
        Host host = new Host("h1", List.of(), Map.of());

        console.hostResult(task, host, Result.failed("stderr: " + HOSTILE + "\nline two"), HOSTILE, Handled.NO);
        console.hostResult(task, host, new Result(io.gplay.engine.module.Status.OK, null, List.of(),
                Map.of("stdout", HOSTILE + "\n")), null, Handled.NO);
        console.warning(HOSTILE);
        console.close();

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(shown.contains("\u001b[2J") || shown.contains("\u001b]") || shown.contains("\u0007")
                || shown.contains("\r"), shown);
        assertTrue(shown.contains("\\e[2J\\e]0;owned\\a\\rok: [h1]"), shown);
        assertTrue(shown.contains("line two"), "newlines stay newlines: " + shown);
        assertTrue(shown.contains("\u001b[31m"), "gplay's own colours still reach the terminal: " + shown);
    }

    @Test
    void aRolesTaskIsHeadedWithItsRoleAsAnsibleHeadsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReporter console = new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                false, 1);
        Task own = new Task("check", "command", Map.of(), TaskOptions.none(), new Source("site.groovy", 3));
        Task roles = own.inRole("firewall");
        Host host = new Host("h1", List.of(), Map.of());

        console.taskStart(own, false);
        console.taskStart(roles, false);
        console.taskStart(roles, true);
        console.retrying(roles, host, Result.failed("not yet"), 3);
        console.close();

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("TASK [check] *"), shown);
        assertTrue(shown.contains("TASK [firewall : check] *"), shown);
        assertTrue(shown.contains("RUNNING HANDLER [firewall : check] *"), shown);
        assertTrue(shown.contains("FAILED - RETRYING: [h1]: firewall : check (3 retries left)."), shown);
    }
}
