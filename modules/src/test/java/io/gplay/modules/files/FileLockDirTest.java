package io.gplay.modules.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where a host-side lock lives: a folder no other local user can make first (review F12). */
class FileLockDirTest {
    @TempDir
    Path dir;

    /** Runs the folder choice for uid {@code u}, with {@code dir/run} as /run and {@code dir/home} as the home. */
    private String[] choose(String u) throws IOException, InterruptedException {
        String script = "u=" + u + "; r='" + dir.resolve("run") + "'; h='" + dir.resolve("home") + "'; "
                + FileLock.LOCK_DIR + " printf %s \"$d\"";
        Process p = new ProcessBuilder("sh", "-c", script).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return new String[]{String.valueOf(p.exitValue()), new String(p.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    @Test
    void rootLocksUnderRunAndOtherUsersUnderTheirHome() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("home"));
        assertEquals(dir.resolve("run/gplay").toString(), choose("0")[1]);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run/gplay"))));
        assertEquals(dir.resolve("home/.cache/gplay/locks").toString(), choose("1000")[1]);
        assertTrue(FileLock.TAKE.indexOf("/run/lock") < 0, "never the world-writable /run/lock");
    }

    @Test
    void aFolderSomeoneElseMadeFirstIsRefusedNamingItAndItsOwner() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a folder away");
        Path taken = Files.createDirectories(dir.resolve("run/gplay"));
        Files.setAttribute(taken, "unix:uid", 12345);
        String[] r = choose("0");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains(taken + " belongs to ") && r[2].contains("uid 12345"), r[2]);
        Files.delete(taken);
        Files.createSymbolicLink(taken, dir);
        r = choose("0");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains(taken + " is a symbolic link"), r[2]);
    }
}
