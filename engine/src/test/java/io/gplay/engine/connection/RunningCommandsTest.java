package io.gplay.engine.connection;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunningCommandsTest {
    /** What a wrapped line prints on stderr, run by a real sh, with the output a command of its own adds. */
    private static byte[] stderrOf(String line) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", line).start();
        byte[] err = p.getErrorStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return err;
    }

    @Test
    void theProcessIdLineIsTakenOutAndEverythingElseKept() throws Exception {
        RunningCommands running = new RunningCommands();
        String line = running.wrap("echo 'first line'; printf 'no newline at the end ü' >&2");
        byte[] err = stderrOf("echo 'printed by the login shell' >&2\n" + line);

        assertEquals("printed by the login shell\nno newline at the end ü",
                running.stderrOf(new ByteArrayInputStream(err), new AtomicLong(-1)));
    }

    @Test
    void anotherConnectionsMarkerIsTheCommandsOutput() throws Exception {
        RunningCommands mine = new RunningCommands();
        String theirs = new String(stderrOf(new RunningCommands().wrap("true")), StandardCharsets.UTF_8);

        assertEquals(theirs, mine.stderrOf(new ByteArrayInputStream(theirs.getBytes(StandardCharsets.UTF_8)), new AtomicLong(-1)));
        assertEquals("", mine.stderrOf(InputStream.nullInputStream(), new AtomicLong(-1)));
    }

    @Test
    void aRunningCommandIsEndedWithWhatItStartedAndLetGoWhenItEnds() throws Exception {
        // sh gets a process group of its own here, as sshd gives each channel's login shell
        LocalConnection host = new LocalConnection();
        RunningCommands running = new RunningCommands();
        String line = running.wrap("sleep 30 & sleep 31; echo done");
        Process p = new ProcessBuilder("setsid", "sh", "-c", line).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return running.stderrOf(p.getErrorStream(), new AtomicLong(-1));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (running.killLine().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        // give sh time to start both sleeps before they are ended
        while (p.descendants().count() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        var sleeps = p.descendants().toList();
        assertEquals(2, sleeps.size());

        ExecResult kill = host.exec(Command.change(running.killLine()));

        assertEquals(0, kill.rc(), kill.reason());
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "the command ended");
        assertEquals(143, p.exitValue(), "by SIGTERM");
        // a process killed a moment ago is listed until it is reaped
        while (sleeps.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline + 5_000) {
            Thread.sleep(20);
        }
        assertTrue(sleeps.stream().noneMatch(ProcessHandle::isAlive), "what it started ended too");
        assertEquals("", err.get(5, TimeUnit.SECONDS));
        assertTrue(running.killLine().isEmpty(), "an ended command is no longer known");
    }
}
