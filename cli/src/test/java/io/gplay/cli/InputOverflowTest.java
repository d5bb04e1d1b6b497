package io.gplay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input that overflows the stack is refused with a message, never a JVM stack trace (review F17). */
class InputOverflowTest {
    @TempDir
    Path dir;

    private String[] gplay(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.execute(args);
            return new String[]{String.valueOf(rc), bytes.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aPlaybookThatRecursesWithoutEndAtPlanTimeIsRefusedAtItsLine() throws Exception {
        Path p = dir.resolve("p.groovy");
        Files.writeString(p, "def rec(n) { rec(n + 1) }\nrec(0)\n"
                + "playbook('p') { play('p', hosts: 'all', gatherFacts: false) { debug 'x', msg: 'hi' } }\n");
        String[] r = gplay("run", p.toString(), "-i", "localhost,", "-c", "local", "--list-tasks");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("p.groovy:1: the code called itself without end"), r[1]);
        assertFalse(r[1].contains("\tat "), r[1]);
    }

    @Test
    void anOverflowNoReaderCaughtNamesTheReader() {
        StackOverflowError e = new StackOverflowError();
        e.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("java.util.regex.Pattern$Loop", "match", "Pattern.java", 4000),
                new StackTraceElement("io.gplay.engine.inventory.HostRanges", "validHost", "HostRanges.java", 79)});
        assertEquals("an input is too long or too deeply nested to read: the stack ran out in HostRanges.validHost"
                + " (HostRanges.java:79) (a very long value, name or pattern, or code that calls itself without end?)",
                Main.overflow(e));
    }
}
