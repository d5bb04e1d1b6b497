package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.ConsoleReporter;
import io.gplay.engine.report.MaskingReporter;
import io.gplay.engine.vault.SecretMask;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Error of gplay's own code (here a module's) stays an internal error, which says nothing of a noLog task. */
class InternalErrorTest {
    /** A module with a bug: it throws an Error carrying a value of its task's. */
    static final class Broken implements Module {
        @Override
        public ModuleSpec spec() {
            return new ModuleSpec("broken", "throws an Error");
        }

        @Override
        public void run(ModuleContext ctx) {
            throw new Error("module-bug-value-555");
        }
    }

    private static String run(boolean runOnce, RunSummary[] summary) {
        Host h1 = new Host("h1", List.of("web"), Map.of("ansible_connection", "local"));
        Host h2 = new Host("h2", List.of("web"), Map.of("ansible_connection", "local"));
        Inventory inventory = new Inventory(Map.of("h1", h1, "h2", h2), Map.of("web", List.of("h1", "h2")));
        TaskOptions noLog = TaskOptions.builder().runOnce(runOnce).noLog(true).build();
        Source src = new Source("bug.groovy", 3);
        Play play = new Play("p", "web", Map.of(), Rollout.ALL, false, null, false,
                List.of(new Task("hidden", "broken", Map.of(), noLog, src)), List.of(), src);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary[0] = new Runner(inventory, new ModuleRegistry(List.of(new Broken())), RunOptions.defaults(),
                new MaskingReporter(new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                        false, 0), SecretMask.global()))
                .run(new Playbook("bug", "bug.groovy", List.of(play), List.of()));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInternalErrorOfANoLogTaskNamesItsKindButNotItsText() {
        RunSummary[] summary = new RunSummary[1];
        String out = run(false, summary);
        assertTrue(out.contains("internal error in task 'hidden': java.lang.Error"), out);
        assertFalse(out.contains("module-bug-value-555"), out);
        assertTrue(summary[0].internalError());
        assertEquals(2, summary[0].exitCode());
    }

    @Test
    void anInternalErrorOfARunOnceTaskIsReportedAsOneTooNotThrownOutOfTheRun() {
        RunSummary[] summary = new RunSummary[1];
        String out = run(true, summary);
        assertTrue(out.contains("internal error in task 'hidden': java.lang.Error"), out);
        assertFalse(out.contains("module-bug-value-555"), out);
        assertTrue(summary[0].internalError());
    }
}
