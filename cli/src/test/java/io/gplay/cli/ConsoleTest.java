package io.gplay.cli;

import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.run.RunOptions;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console on JLine's dumb terminal, against two local hosts. */
class ConsoleTest {
    @TempDir
    Path dir;

    private String run(String input) throws Exception {
        Path inv = dir.resolve("hosts.ini");
        Files.writeString(inv, "[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n[db]\ndb1 ansible_connection=local\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModuleRegistry modules = ModuleRegistry.load();
        try (Terminal t = TerminalBuilder.builder().dumb(true).streams(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), bytes).build()) {
            PrintStream out = new PrintStream(t.output(), true);
            try (Session s = new Session(InventoryLoader.load(inv.toString()), modules, RunOptions.defaults(), "web",
                    new CompactReporter(out, false, false))) {
                LineReader reader = LineReaderBuilder.builder().terminal(t).parser(new ReplParser()).build();
                new Console(s, reader, t, out).loop();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void moduleCallsRunOnTheTargetsAndVariablesPersist() throws Exception {
        Path marker = dir.resolve("made");
        String out = run("name = 'made'\n"
                + "file \"" + dir + "/${name}\", state: 'directory'\n"
                + "x = [1, 2,\n3]\n"
                + "x.sum()\n"
                + ":quit\n");
        assertTrue(Files.isDirectory(marker), out);
        assertTrue(out.contains("web1 | CHANGED | create directory " + marker), out);
        assertTrue(out.contains("web2 | "), out);
        assertFalse(out.contains("db1 |"), "db1 is not a target: " + out);
        assertTrue(out.contains("=> 6"), "a multi-line list was read whole: " + out);
    }

    @Test
    void checkModeRetargetingAndErrors() throws Exception {
        Path marker = dir.resolve("never");
        String out = run(":check on\n"
                + ":hosts db\n"
                + "file '" + marker + "', state: 'directory'\n"
                + "servce 'x'\n"
                + "file 'y', stat: 'absent'\n");
        assertFalse(Files.exists(marker), "check mode changed nothing");
        assertTrue(out.contains("db1 | CHANGED | create directory " + marker), out);
        assertTrue(out.contains("unknown module 'servce' (did you mean 'service'?)"), out);
        assertTrue(out.contains("file: unknown parameter 'stat' (did you mean 'state'?)"), out);
    }

    @Test
    void thePromptShowsTargetsHostCountAndCheckMode() throws Exception {
        Files.writeString(dir.resolve("h.ini"), "[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n");
        try (Terminal t = TerminalBuilder.builder().dumb(true).streams(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream()).build();
             Session s = new Session(InventoryLoader.load(dir.resolve("h.ini").toString()), ModuleRegistry.load(),
                     RunOptions.defaults(), "all", new CompactReporter(System.out, false, false))) {
            Console c = new Console(s, LineReaderBuilder.builder().terminal(t).build(), t, System.out);
            assertEquals("gplay [all (2 hosts)]> ", c.prompt());
            c.handle(":hosts web[0]");
            c.handle(":check on");
            c.handle(":become on");
            assertEquals("gplay [web[0] (1 hosts) CHECK become]> ", c.prompt());
        }
    }

    @Test
    void completionComesFromTheModuleSpecs() {
        ModuleRegistry modules = ModuleRegistry.load();
        ReplCompleter c = new ReplCompleter(modules, () -> List.of("all", "web", "web1"));
        assertTrue(complete(c, "serv").contains("service"));
        assertTrue(complete(c, "serv").contains(":hosts"));
        assertTrue(complete(c, "service 'glusterd', st").contains("state:"));
        List<String> states = complete(c, "service 'glusterd', state: '");
        assertEquals(List.of("started", "stopped", "restarted", "reloaded"), states);
        assertTrue(complete(c, ":hosts w").contains("web1"));
    }

    private static List<String> complete(ReplCompleter c, String line) {
        List<Candidate> out = new ArrayList<>();
        c.complete(null, new DefaultParser().parse(line, line.length()), out);
        return out.stream().map(Candidate::value).toList();
    }
}
