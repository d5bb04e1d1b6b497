package io.gplay.engine.report;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Rollout;
import io.gplay.engine.plan.Source;
import io.gplay.engine.plan.Task;
import io.gplay.engine.plan.TaskOptions;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.run.Runner;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.vault.SecretMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run log gets a run's tasks, results and commands, with no secret in it, and two runs append. */
class RunLogTest {
    /** As a vault's clear text is: registered in the global mask once read. */
    private static final String SECRET = "Xylophage-Quokka-8271";

    /** Writes {@code content} to {@code dest} through standard input, and says so. */
    static final class Writes implements Module {
        @Override
        public ModuleSpec spec() {
            return new ModuleSpec("writes", "writes a file").param(Param.required("dest", ParamType.PATH, "where"))
                    .param(Param.required("content", ParamType.STRING, "what"));
        }

        @Override
        public void run(ModuleContext ctx) throws Exception {
            String dest = ctx.str("dest");
            String content = ctx.str("content");
            if (ctx.read(Cmd.of("cat").arg(dest)).equals(content)) {
                return;
            }
            ctx.converge("wrote '" + content + "' to " + dest, () -> ctx.attempt(Cmd.script("cat >")
                    .arg(dest), content.getBytes(StandardCharsets.UTF_8)));
            ctx.msg("now holds " + content);
        }
    }

    private static void run(Path dir, Path log) throws Exception {
        SecretMask.global().add(SECRET);
        Host h1 = new Host("h1", List.of("web"), Map.of("ansible_connection", "local"));
        Inventory inventory = new Inventory(Map.of("h1", h1), Map.of("web", List.of("h1")));
        Path dest = dir.resolve("out.txt");
        Files.writeString(dest, "old");
        Source src = new Source("site.groovy", 4);
        Play play = new Play("web tier", "web", Map.of(), Rollout.ALL, false, null, false,
                List.of(new Task("write the key", "writes", Map.of("dest", dest.toString(), "content", SECRET),
                        TaskOptions.none(), src)), List.of(), src);
        List<String> warnings = new ArrayList<>();
        RunLog runLog = new RunLog(LogFile.open(log, warnings::add), SecretMask.global(),
                List.of("run", "site.groovy", "-e", "key=" + SECRET), "hosts.ini");
        Reporter reporter = new MaskingReporter(runLog, SecretMask.global());
        new Runner(inventory, new ModuleRegistry(List.of(new Writes())), RunOptions.defaults(), reporter)
                .run(new Playbook("site", "site.groovy", List.of(play), List.of()));
        reporter.close();
        assertEquals(List.of(), warnings);
        assertEquals(SECRET, Files.readString(dest), "the secret went to the host through standard input");
    }

    @Test
    void aRunsTasksResultsAndCommandsAreLoggedWithoutItsSecret(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gplay.log");
        run(dir, log);
        String text = Files.readString(log);
        assertFalse(text.contains(SECRET), text);
        Pattern line = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} p=" + ProcessHandle.current().pid()
                + " u=" + Pattern.quote(System.getProperty("user.name")) + " n=gplay h=(-|h1) \\| .+");
        List<String> lines = Files.readAllLines(log);
        lines.forEach(l -> assertTrue(line.matcher(l).matches(), l));
        assertTrue(lines.get(0).endsWith("| run: gplay run site.groovy -e key=******** | in " + Path.of("").toAbsolutePath() + " | playbook site (site.groovy)"
                + " | inventory hosts.ini"), lines.get(0));
        assertTrue(text.contains("h=- | TASK [write the key] writes at site.groovy:4\n"), text);
        assertTrue(text.contains("h=h1 | read: cat " + dir.resolve("out.txt") + "\n"), text);
        assertTrue(text.contains("h=h1 | command: cat > " + dir.resolve("out.txt") + "\n"), text);
        assertTrue(text.contains("h=h1 | changed: [write the key] now holds ******** | change: wrote '********' to "
                + dir.resolve("out.txt") + "\n"), text);
        assertTrue(text.contains("h=h1 | recap: ok=1 changed=1 unreachable=0 failed=0"), text);
    }

    @Test
    void aSecondRunAppends(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gplay.log");
        run(dir, log);
        int first = Files.readAllLines(log).size();
        run(dir, log);
        List<String> lines = Files.readAllLines(log);
        assertEquals(2 * first, lines.size());
        assertEquals(2, lines.stream().filter(l -> l.contains("| run: gplay run")).count());
    }

    @Test
    void aLogThatCannotBeWrittenIsAWarningAndTheRunGoesOn() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails: no space left on device
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full));
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        LogFile file = LogFile.open(full, warnings::add);
        for (int i = 0; i < 3; i++) {
            file.append("line " + i);
        }
        file.close(Duration.ofSeconds(5));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the run log /dev/full could not be written ("), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("); the run goes on without it"), warnings.get(0));
    }

    @Test
    void aLogInAFolderThatIsNotThereIsRefusedWhenOpened(@TempDir Path dir) {
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> LogFile.open(dir.resolve("no/such/gplay.log"), w -> { }));
        assertEquals("no folder " + dir.resolve("no/such"), e.getMessage());
    }
}
