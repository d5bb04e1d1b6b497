package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.report.Handled;
import io.gplay.engine.report.Reporter;
import io.gplay.engine.shell.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Check mode is enforced by the engine, not by each module's discipline: a module that writes a file or runs a
 * command not declared read-only outside a converge block fails the run with an engine error, and nothing
 * reaches the host.
 */
class CheckModeGuaranteeTest {
    @TempDir
    Path dir;

    /** A module with a bug: it changes the host without a converge block, the way {@code how} says. */
    static final class Careless implements Module {
        private final ModuleSpec spec = new ModuleSpec("careless", "changes the host even in check mode (a bug)")
                .param(Param.required("path", ParamType.STRING, "the file it writes"))
                .param(Param.choice("how", "writeFile", List.of("writeFile", "change", "attempt", "readOnly"),
                        "how it changes the host"));

        @Override
        public ModuleSpec spec() {
            return spec;
        }

        @Override
        public void run(ModuleContext ctx) {
            String path = ctx.str("path");
            switch (ctx.str("how")) {
                case "writeFile" -> ctx.writeFile(path, "written\n", "0644");
                case "change" -> ctx.change(Cmd.of("cp", "/dev/null", path));
                case "attempt" -> ctx.attempt(Cmd.of("touch", path), null);
                // a change falsely declared read-only is the module's lie; the guard trusts the declaration
                default -> ctx.probe(Cmd.of("test", "-e", path));
            }
            ctx.msg("done");
        }
    }

    /** Records every result and warning. */
    static final class Recorder implements Reporter {
        final Map<String, Result> results = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public synchronized void hostResult(Task task, Host host, Result r, Object item, Handled handled) {
            results.put(host.name() + "/" + task.title(), r);
        }

        @Override
        public synchronized void warning(String message) {
            warnings.add(message);
        }
    }

    private RunSummary run(boolean check, Recorder rec, TaskOptions options, Map<String, Object> params) {
        Host h1 = new Host("h1", List.of("web"), Map.of("ansible_connection", "local"));
        Inventory inventory = new Inventory(Map.of("h1", h1), Map.of("web", List.of("h1")));
        Source src = new Source("careless.groovy", 3);
        Path after = dir.resolve("after");
        Play play = new Play("p", "web", Map.of(), Rollout.ALL, false, null, false, List.of(
                new Task("break the promise", "careless", params, options, src),
                new Task("after it", "careless", Map.of("path", after.toString(), "how", "readOnly"),
                        TaskOptions.none(), new Source("careless.groovy", 4))),
                List.of(), src);
        Playbook playbook = new Playbook("careless", "careless.groovy", List.of(play), List.of());
        Runner runner = new Runner(inventory, new ModuleRegistry(List.of(new Careless())),
                RunOptions.defaults().withCheck(check).withDiff(check), rec);
        return runner.run(playbook);
    }

    private static Map<String, Object> params(Path file, String how) {
        return Map.of("path", file.toString(), "how", how);
    }

    private void assertEngineError(String how, String refused) {
        Path file = dir.resolve("target-" + how + ".conf");
        Recorder rec = new Recorder();

        RunSummary summary = run(true, rec, TaskOptions.none(), params(file, how));

        assertFalse(Files.exists(file), how + ": check mode wrote nothing");
        assertTrue(summary.checkModeViolation(), how + ": the run ends with an engine error");
        assertEquals(2, summary.exitCode(), how + ": the core's exit code for a failed run");
        assertEquals(1, summary.stats().get("h1").failed());
        Result r = rec.results.get("h1/break the promise");
        assertEquals(Status.FAILED, r.status());
        String msg = r.msg();
        assertTrue(msg.startsWith("ENGINE ERROR: module 'careless' tried to change h1 in check mode"), msg);
        assertTrue(msg.contains("this is a bug in the module and nothing was changed"), msg);
        assertTrue(msg.contains("refused in check mode, not declared read-only: "), msg);
        assertTrue(msg.contains(refused), how + ": the message names what it tried: " + msg);
        assertFalse(rec.results.containsKey("h1/after it"), "the host leaves the run after the engine error");
    }

    @Test
    void aFileWriteInCheckModeIsRefusedAndFailsTheRunWithAnEngineError() {
        assertEngineError("writeFile", dir.resolve("target-writeFile.conf").toString());
    }

    @Test
    void aChangingCommandInCheckModeIsRefusedAndFailsTheRunWithAnEngineError() {
        assertEngineError("change", "cp /dev/null " + dir.resolve("target-change.conf"));
        assertEngineError("attempt", "touch " + dir.resolve("target-attempt.conf"));
    }

    @Test
    void ignoreErrorsDoesNotHideAnEngineError() {
        Path file = dir.resolve("ignored.conf");
        TaskOptions ignore = TaskOptions.builder().ignoreErrors(true).build();
        Recorder rec = new Recorder();

        RunSummary summary = run(true, rec, ignore, params(file, "writeFile"));

        assertFalse(Files.exists(file));
        assertTrue(summary.checkModeViolation());
        assertEquals(2, summary.exitCode(), "an ignored task failure still ends the run as an engine error");
        assertTrue(rec.results.get("h1/break the promise").msg().contains("ENGINE ERROR"));
    }

    @Test
    void readOnlyCommandsRunInCheckModeAndTheSameModuleChangesTheHostInARealRun() {
        Path file = dir.resolve("real.conf");
        Recorder check = new Recorder();
        RunSummary probe = run(true, check, TaskOptions.none(), params(file, "readOnly"));
        assertFalse(probe.checkModeViolation());
        assertEquals(0, probe.exitCode());
        assertEquals(Status.OK, check.results.get("h1/break the promise").status());

        Recorder real = new Recorder();
        RunSummary summary = run(false, real, TaskOptions.none(), params(file, "writeFile"));
        assertFalse(summary.checkModeViolation());
        assertEquals(0, summary.exitCode());
        assertTrue(Files.exists(file), "outside check mode the guard is not there");
    }
}
