package io.gplay.modules.files;

import io.gplay.modules.Harness;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineInFileTest {
    @TempDir
    Path dir;

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p);
        }
        return out.toByteArray();
    }

    @Test
    void linesItDoesNotChangeKeepTheirBytesWhateverTheEncoding() throws Exception {
        Path f = dir.resolve("latin1.conf");
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        byte[] broken = {(byte) 0xc3, '(', (byte) 0xff};
        Files.write(f, bytes(latin1, "\n", broken, "\nnaïve\n"));
        Map<String, Object> p = Map.of("path", f.toString(), "line", "added");
        Result r = Harness.run(new LineInFileModule(), p, false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertArrayEquals(bytes(latin1, "\n", broken, "\nnaïve\nadded\n"), Files.readAllBytes(f));
        String diff = r.diffs().get(0).unified();
        assertTrue(diff.contains("\n caf\\xe9\n"), "the Latin-1 line shows unchanged and visible:\n" + diff);
        assertTrue(diff.contains("\n+added"), diff);
        assertEquals(Status.OK, Harness.run(new LineInFileModule(), p, false).status(), "converged");
    }

    @Test
    void aLineThatIsNotUtf8CanBeReplacedAndTheDiffShowsWhatReallyChanges() throws Exception {
        Path f = dir.resolve("latin1.conf");
        Files.write(f, bytes("name=caf", new byte[]{(byte) 0xe9}, "\nother\n"));
        Result r = Harness.run(new LineInFileModule(), Map.of("path", f.toString(), "regexp", "^name=", "line", "name=café"), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertArrayEquals(bytes("name=café\nother\n"), Files.readAllBytes(f));
        String diff = r.diffs().get(0).unified();
        assertTrue(diff.contains("\n-name=caf\\xe9\n+name=café\n"), diff);
    }

    @Test
    void aLineWithANewlineIsRefusedNamingTheParameter() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a\n");
        for (String bad : new String[]{"two\nlines", "cr\rhere"}) {
            Result r = Harness.run(new LineInFileModule(), Map.of("path", f.toString(), "line", bad), false);
            assertEquals(Status.FAILED, r.status());
            assertTrue(r.msg().contains("line") && r.msg().contains("one line"), r.msg());
        }
        assertEquals("a\n", Files.readString(f), "nothing written");
    }

    @Test
    void aCatastrophicRegexpFailsTheTaskInBoundedTime() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a".repeat(40) + "b\n");
        long t0 = System.nanoTime();
        Result r = Harness.run(new LineInFileModule(), Map.of("path", f.toString(), "regexp", "^(a+)+(\\1)$", "line", "x"), false);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("regexp") && r.msg().contains("took longer than"), r.msg());
        assertTrue(seconds < 15, "ended after " + seconds + " s");
        assertEquals("a".repeat(40) + "b\n", Files.readString(f));
    }

    @Test
    void aRegexpRunningWhenItsThreadIsInterruptedStops() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a".repeat(40) + "b\n");
        Result[] out = new Result[1];
        Thread t = new Thread(() -> out[0] = Harness.run(new LineInFileModule(),
                Map.of("path", f.toString(), "regexp", "^(a+)+(\\1)$", "line", "x"), false));
        t.start();
        Thread.sleep(500);
        t.interrupt();
        t.join(2000);
        assertFalse(t.isAlive(), "the task ended within 2 s of its interruption");
        assertEquals(Status.FAILED, out[0].status());
    }

    @Test
    void aTemporaryFileLeftByALostWriteIsRemovedByTheNextWriteBeside() throws Exception {
        Path f = dir.resolve("secret.conf");
        Files.writeString(f, "a\n");
        Path stale = dir.resolve(".gplay.AbC123");
        Files.writeString(stale, "password=hunter2\n");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = dir.resolve(".gplay.XyZ789"); // another run's write in progress
        Files.writeString(fresh, "partial");
        Path notOurs = dir.resolve(".gplayer");
        Files.writeString(notOurs, "x");
        Files.setLastModifiedTime(notOurs, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        assertEquals(Status.CHANGED, Harness.run(new LineInFileModule(), Map.of("path", f.toString(), "line", "b"), false).status());
        assertFalse(Files.exists(stale), "the stale temporary file is gone");
        assertTrue(Files.exists(fresh), "a recent one may be another run's, and stays");
        assertTrue(Files.exists(notOurs));
        assertEquals("a\nb\n", Files.readString(f));
    }
    @Test
    void twoRunsAddingLinesToOneFileAtOnceLoseNone() throws Exception {
        Path f = dir.resolve("shared.conf");
        Files.writeString(f, "# shared\n");
        List<Thread> runs = new ArrayList<>();
        List<Result> failed = Collections.synchronizedList(new ArrayList<>());
        for (String run : List.of("a", "b")) {
            runs.add(new Thread(() -> {
                for (int i = 1; i <= 25; i++) {
                    Result r = Harness.run(new LineInFileModule(), Map.of("path", f.toString(), "line", run + i), false);
                    if (r.status() != Status.CHANGED) {
                        failed.add(r);
                    }
                }
            }));
        }
        runs.forEach(Thread::start);
        for (Thread t : runs) {
            t.join();
        }
        assertEquals(List.of(), failed);
        assertEquals(51, Files.readAllLines(f).size(), Files.readString(f));
    }

    @Test
    void aRunWaitsForTheLockOfTheFileAndSaysForWhom() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a\n");
        Result[] out = new Result[1];
        Thread run;
        try (FileLock held = FileLock.take(new ModuleContext(Map.of(),
                HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), new LocalConnection(), false)), f.toString())) {
            run = new Thread(() -> out[0] = Harness.run(new LineInFileModule(), Map.of("path", f.toString(), "line", "b"), false));
            run.start();
            Thread.sleep(1500);
            assertEquals("a\n", Files.readString(f), "the edit waits for the lock");
        }
        run.join(10_000);
        assertEquals(Status.CHANGED, out[0].status(), out[0].msg());
        assertEquals("a\nb\n", Files.readString(f));
        String lock = (String) out[0].data().get("lock");
        assertTrue(lock != null && lock.startsWith("waited ") && lock.contains("gplay pid " + ProcessHandle.current().pid()), lock);
    }
}
