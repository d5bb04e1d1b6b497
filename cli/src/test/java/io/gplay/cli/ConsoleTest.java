package io.gplay.cli;

import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.report.LogFile;
import io.gplay.engine.report.RunLog;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.vault.SecretMask;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console on JLine's dumb terminal, against two local hosts. */
class ConsoleTest {
    @TempDir
    Path dir;

    private String run(String input) throws Exception {
        return run(input, null);
    }

    /** The console's output, {@code log} (null: none) written beside it as gplay repl --log-path has it. */
    private String run(String input, RunLog log) throws Exception {
        Path inv = dir.resolve("hosts.ini");
        Files.writeString(inv, "[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n[db]\ndb1 ansible_connection=local\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModuleRegistry modules = ModuleRegistry.load();
        try (Terminal t = dumb(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), bytes)) {
            PrintStream out = new PrintStream(t.output(), true);
            try (Session s = new Session(InventoryLoader.load(inv.toString()), modules, RunOptions.defaults(), "web",
                    RunLogOption.with(new CompactReporter(out, false, false), log))) {
                LineReader reader = LineReaderBuilder.builder().terminal(t).parser(new ReplParser()).build();
                new Console(s, reader, t, out).loop();
            }
        }
        RunLogOption.close(log);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * JLine's dumb terminal itself: TerminalBuilder would put a pseudo-terminal between the streams and the
     * console, whose output reaches the stream later, on a thread of its own, and whose input can be lost.
     */
    static Terminal dumb(InputStream in, OutputStream out) throws IOException {
        return new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
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
        // both hosts are this machine and run at once: one creates the directory, the other may find it
        assertTrue(out.contains(" | CHANGED | create directory " + marker), out);
        assertTrue(out.contains("web1 | ") && out.contains("web2 | "), out);
        assertFalse(out.contains("db1 |"), "db1 is not a target: " + out);
        assertTrue(out.contains("=> 6"), "a multi-line list was read whole: " + out);
    }

    @Test
    void eachLineThatRunsTasksIsARunInTheRunLogWithItsResultsPerHost() throws Exception {
        Path log = dir.resolve("gplay.log");
        run("file '" + dir.resolve("d") + "', state: 'directory'\n"
                + "x = 1 + 1\n"
                + "debug 'said', msg: 'hello'\n"
                + ":quit\n", new RunLog(LogFile.open(log, w -> { }), SecretMask.global(), List.of("repl", "-i", "hosts.ini"), "hosts.ini"));
        String text = Files.readString(log);
        assertEquals(2, text.lines().filter(l -> l.contains("| run: gplay repl -i hosts.ini |")).count(),
                "a run for each module call, none for Groovy: " + text);
        assertTrue(text.contains("h=web1 | changed: [" + dir.resolve("d") + "]") || text.contains("h=web1 | ok: [" + dir.resolve("d") + "]"), text);
        assertTrue(text.contains("h=web2 | ok: [said] hello\n") && text.contains("h=web1 | ok: [said] hello\n"), text);
        assertFalse(text.contains("h=db1"), "db1 is not a target: " + text);
    }

    /** Each call a plan refuses (SameVerdictTest's), typed in the console, is refused with the same problems. */
    @Test
    void aCallGetsTheVerdictThePlanGives() throws Exception {
        List<List<String>> refused = SameVerdictTest.calls()
                .filter(c -> !SameVerdictTest.plan(c.get(2), dir).equals("ok")).toList();
        StringBuilder input = new StringBuilder();
        refused.forEach(c -> input.append(c.get(2)).append('\n'));
        String out = run(input + ":quit\n");
        int said = 0;
        for (List<String> c : refused) {
            for (String problem : SameVerdictTest.plan(c.get(2), dir).split("\n")) {
                assertTrue(out.contains("console: " + problem), c + ": " + problem + "\n" + out);
                said++;
            }
        }
        // each after a prompt (the dumb terminal echoes no input) or another problem; the banner is "gplay console: "
        assertEquals(said, Pattern.compile("(?<!gplay )console: ").matcher(out).results().count(),
                "no other problem: " + out);
    }

    @Test
    void aBlockWithItsRescueRunsFromOneLine() throws Exception {
        String out = run(":hosts web1\n"
                + "block('b') { verify 'break', that: false, msg: 'broken' } rescue { debug 'mend', msg: 'mended' }\n"
                + ":quit\n");
        assertTrue(out.contains("web1 | FAILED | broken"), out);
        assertTrue(out.contains("web1 | OK | mended"), out);
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
        assertTrue(out.contains("unknown module or method 'servce' (did you mean 'service'?)"), out);
        assertTrue(out.contains("file: unknown parameter 'stat' (did you mean 'state'?)"), out);
    }

    @Test
    void aFailedAssertIsAnErrorOfTheLineAndAnErrorsTextIsMasked() throws Exception {
        io.gplay.engine.vault.SecretMask.global().add("Console-Secret-9191");
        String out = run("assert 1 == 2\n"
                + "throw new Exception('Console-Secret-' + '9191')\n"
                + "'still ' + 'here'\n"
                + ":quit\n");
        assertTrue(out.contains("error: assert 1 == 2"), out);
        assertFalse(out.contains("Console-Secret-9191"), out);
        assertTrue(out.contains("error: ********"), out);
        assertTrue(out.contains("still here"), "the console went on: " + out);
    }

    @Test
    void thePromptShowsTargetsHostCountAndCheckMode() throws Exception {
        Files.writeString(dir.resolve("h.ini"), "[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n");
        try (Terminal t = dumb(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
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
    void theLimitHoldsForEveryTarget() throws Exception {
        Files.writeString(dir.resolve("h.ini"), "[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n"
                + "[db]\ndb1 ansible_connection=local\n");
        RunOptions limited = RunOptions.builder().hosts(10, "web2:db1", java.util.Map.of(), false, null).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Terminal t = dumb(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
             Session s = new Session(InventoryLoader.load(dir.resolve("h.ini").toString()), ModuleRegistry.load(),
                     limited, "all", new CompactReporter(out, false, false))) {
            Console c = new Console(s, LineReaderBuilder.builder().terminal(t).build(), t, out);
            assertEquals("gplay [all (2 hosts)]> ", c.prompt());
            c.handle(":hosts web");
            assertEquals("gplay [web (1 hosts)]> ", c.prompt());
            c.handle("command 'true'");
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("web2 | CHANGED"), bytes.toString());
            assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("web1 |"), bytes.toString());
            c.handle(":facts web");
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("web2:"), bytes.toString());
            assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("web1:"), bytes.toString());
        }
    }

    @Test
    void completionComesFromTheModuleSpecs() {
        ModuleRegistry modules = ModuleRegistry.load();
        ReplCompleter c = new ReplCompleter(modules, () -> List.of("all", "web", "web1"), noRoles());
        assertTrue(complete(c, "serv").contains("service"));
        assertTrue(complete(c, "serv").contains(":hosts"));
        assertTrue(complete(c, "bl").contains("block"), "a block is written as a module call is");
        assertTrue(complete(c, "service 'glusterd', st").contains("state:"));
        List<String> states = complete(c, "service 'glusterd', state: '");
        assertEquals(List.of("started", "stopped", "restarted", "reloaded"), states);
        assertTrue(complete(c, ":hosts w").contains("web1"));
        // a choice inside the quote the user opened closes it; without a quote the choice brings its own
        List<Candidate> quoted = candidates(c, "file 'x', state: 'di");
        assertTrue(quoted.stream().allMatch(Candidate::complete), "closes the quote");
        assertTrue(complete(c, "file 'x', state: ").contains("'directory'"));
        // parameter names are left open for their value
        assertFalse(candidates(c, "lineinfile 'x', li").stream().anyMatch(Candidate::complete));
    }

    @Test
    void completionKnowsTheRolesAndTheirDeclaredParameters() throws Exception {
        Path role = dir.resolve("roles/web");
        Files.createDirectories(role.resolve("meta"));
        Files.createDirectories(role.resolve("tasks"));
        Files.writeString(role.resolve("tasks/main.groovy"), "debug 'x', msg: 'y'\n");
        Files.writeString(role.resolve("meta/argument_specs.yml"), "argument_specs:\n  main:\n    options:\n"
                + "      port: {type: int}\n      mode: {type: str, choices: [fast, safe]}\n");
        io.gplay.dsl.PlaybookLoader loader = new io.gplay.dsl.PlaybookLoader(ModuleRegistry.load(), dir.resolve("cache"));
        ReplCompleter c = new ReplCompleter(ModuleRegistry.load(), List::of, new ReplCompleter.Roles() {
            @Override
            public List<String> names() {
                return loader.roleNames(dir);
            }

            @Override
            public java.util.Optional<io.gplay.engine.module.ModuleSpec> spec(String name) {
                return loader.role(dir, name);
            }
        });
        assertTrue(complete(c, "role w").contains("'web'"), "role names, with the bundled ones");
        assertTrue(complete(c, "role w").contains("'ctdb_shared_lock'"));
        assertEquals(List.of("port:", "mode:"), complete(c, "role 'web', "));
        assertEquals(List.of("fast", "safe"), complete(c, "role 'web', mode: '"));
    }

    private static ReplCompleter.Roles noRoles() {
        return new ReplCompleter.Roles() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public java.util.Optional<io.gplay.engine.module.ModuleSpec> spec(String name) {
                return java.util.Optional.empty();
            }
        };
    }

    /** A console over local hosts printing into {@code bytes}, with a dumb terminal to deliver Ctrl-C. */
    private record Fixture(Terminal terminal, Session session, Console console, ByteArrayOutputStream bytes)
            implements AutoCloseable {
        String output() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Ctrl-C after a delay, as the terminal delivers it while a line runs. */
        void ctrlCAfter(long ms) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    return;
                }
                terminal.raise(Terminal.Signal.INT);
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws Exception {
            session.close();
            terminal.close();
        }
    }

    private Fixture fixture() throws Exception {
        Path inv = dir.resolve("local.ini");
        Files.writeString(inv, "[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Terminal t = dumb(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session s = new Session(InventoryLoader.load(inv.toString()), ModuleRegistry.load(), RunOptions.defaults(), "web",
                new CompactReporter(out, false, false));
        return new Fixture(t, s, new Console(s, LineReaderBuilder.builder().terminal(t).build(), t, out), bytes);
    }

    @Test
    void ctrlCStopsGroovyCodeAndTheConsoleGoesOn() throws Exception {
        try (Fixture f = fixture()) {
            long t0 = System.nanoTime();
            f.ctrlCAfter(300);
            assertTrue(f.console().handle("Thread.sleep(60000)"));
            f.ctrlCAfter(300);
            assertTrue(f.console().handle("n = 0; while (true) { n++ }"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, "both stopped at once, not after a minute: " + ms + " ms");
            assertFalse(Thread.currentThread().isInterrupted(), "no interrupt is left for the next prompt");
            f.console().handle("1 + 1");
            String out = f.output();
            assertEquals(2, out.split("interrupted", -1).length - 1, out);
            assertFalse(out.contains("error:"), out);
            assertTrue(out.contains("=> 2"), "the console goes on: " + out);
        }
    }

    @Test
    void ctrlCRightAfterEnterCancelsTheLine() throws Exception {
        try (Fixture f = fixture()) {
            // the line reader's handler turns a Ctrl-C into an interrupt of the thread that read the line
            Thread.currentThread().interrupt();
            f.console().handle("x = 42");
            f.console().handle("binding.variables.containsKey('x')");
            String out = f.output();
            assertTrue(out.contains("interrupted"), out);
            assertTrue(out.contains("=> false"), "the line did not run: " + out);
            assertFalse(out.contains("error:"), out);
        }
    }

    @Test
    void ctrlCDuringARunStopsItAndTheNextCallRuns() throws Exception {
        try (Fixture f = fixture()) {
            f.ctrlCAfter(300);
            f.console().handle("command 'sleep 1'");
            f.console().handle("command 'echo again'");
            String out = f.output();
            assertTrue(out.matches("(?s).*interrupted after \\d+ ms; the hosts' connections were closed.*"), out);
            assertTrue(out.contains("web1 | CHANGED | run: echo again"), out);
            assertTrue(out.matches("(?s).*again\\n.*\\(\\d+ ms, .*\\)\\n.*"), "the next call is timed as usual: " + out);
        }
    }

    @Test
    void eachCallTellsHowLongItTookAndWhetherItOpenedConnections() throws Exception {
        try (Fixture f = fixture()) {
            f.console().handle("command 'true'");
            f.console().handle("command 'true'");
            f.console().handle(":hosts web1");
            f.console().handle("command 'true'");
            List<String> timings = f.output().lines().filter(l -> l.matches("\\(\\d+ ms, .*\\)")).toList();
            assertEquals(3, timings.size(), f.output());
            assertTrue(timings.get(0).endsWith(", 2 new connections)"), timings.toString());
            assertTrue(timings.get(1).endsWith(", no new connection)"), "the session keeps its connections: " + timings);
            assertTrue(timings.get(2).endsWith(", no new connection)"), timings.toString());
        }
    }

    private static List<String> complete(ReplCompleter c, String line) {
        return candidates(c, line).stream().map(Candidate::value).toList();
    }

    private static List<Candidate> candidates(ReplCompleter c, String line) {
        List<Candidate> out = new ArrayList<>();
        c.complete(null, new DefaultParser().parse(line, line.length()), out);
        return out;
    }
    @Test
    void aLoadedPlayOrTaskRunsWithThePlaysOwnVariablesAsGplayRunGivesThem() throws Exception {
        Path site = dir.resolve("site.groovy");
        Path conf = dir.resolve("site.conf");
        Files.writeString(site, "playbook('site') {\n"
                + "    play('web server', hosts: 'web', vars: [app_port: 8080]) {\n"
                + "        copy 'site config', dest: '" + conf + "', content: { \"listen ${vars.app_port}\\n\" },"
                + " notify: 'note'\n"
                + "        handlers {\n"
                + "            debug 'note', msg: 'handler ran'\n"
                + "        }\n"
                + "    }\n"
                + "}\n");
        String out = run(":load " + site + "\n:play web server\n:quit\n");
        assertEquals("listen 8080\n", Files.readString(conf), out);
        assertTrue(out.contains("handler ran"), "the play's handlers run as in gplay run: " + out);
        Files.delete(conf);
        out = run(":load " + site + "\n:task site config\n:quit\n");
        assertEquals("listen 8080\n", Files.readString(conf), out);
    }
}
