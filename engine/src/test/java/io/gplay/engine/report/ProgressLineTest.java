package io.gplay.engine.report;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.vault.SecretMask;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A module's progress lines reach the console while the task runs, masked as results are, hidden under noLog. */
class ProgressLineTest {
    private static String shown(boolean noLog, String line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SecretMask mask = new SecretMask();
        mask.add("hunter2-secret");
        Reporter r = new MaskingReporter(new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, false, 0), mask);
        TaskOptions o = TaskOptions.builder().noLog(noLog).build();
        r.progress(new Task("deploy", "hostedEngine", Map.of(), o, new Source("site.groovy", 3)),
                new Host("h1", List.of(), Map.of()), line);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aProgressLineIsShownWithItsHostAndMasked() {
        assertEquals("  [h1] waiting for the VM: 6 s of 300 s (pw ********)\n",
                shown(false, "waiting for the VM: 6 s of 300 s (pw hunter2-secret)"));
        assertTrue(shown(true, "answered hunter2-secret").contains("the output has been hidden due to noLog: true"));
    }
}
