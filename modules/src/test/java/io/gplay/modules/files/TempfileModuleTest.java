package io.gplay.modules.files;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tempfile with the real mktemp in a temporary folder: a new one on every run, none in check mode (as ansible-core 2.14). */
class TempfileModuleTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileOnEveryRun() throws IOException {
        Map<String, Object> params = Map.of("path", dir.toString(), "prefix", "build.", "suffix", ".log");
        Result first = Harness.run(new TempfileModule(), params, false);
        Result second = Harness.run(new TempfileModule(), params, false);
        assertEquals(Status.CHANGED, first.status(), first.msg());
        assertEquals(Status.CHANGED, second.status());
        Path path = Path.of((String) first.registered().get("path"));
        assertNotEquals(first.registered().get("path"), second.registered().get("path"));
        assertEquals(dir, path.getParent());
        assertTrue(path.getFileName().toString().matches("build\\.[A-Za-z0-9]{8}\\.log"), path.toString());
        assertTrue(Files.isRegularFile(path));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    @Test
    void aFolderWithTheDefaultPrefix() throws IOException {
        Result r = Harness.run(new TempfileModule(), Map.of("path", dir.toString(), "state", "directory"), false);
        Path path = Path.of((String) r.registered().get("path"));
        assertTrue(Files.isDirectory(path));
        assertTrue(path.getFileName().toString().startsWith("ansible."));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    @Test
    void checkModeSkipsAndCreatesNothing() throws IOException {
        Result r = Harness.run(new TempfileModule(), Map.of("path", dir.toString()), true);
        assertEquals(Status.SKIPPED, r.status());
        assertNull(r.registered().get("path"));
        assertEquals(0, Files.list(dir).count());
    }

    @Test
    void aHostilePrefixStaysPartOfTheName() throws IOException {
        Result r = Harness.run(new TempfileModule(), Map.of("path", dir.toString(), "prefix", "-rf $(touch x) '"), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(Path.of((String) r.registered().get("path")).getFileName().toString().startsWith("-rf $(touch x) '"));
        assertFalse(Files.exists(Path.of("x")));
        Result slash = Harness.run(new TempfileModule(), Map.of("path", dir.toString(), "prefix", "../up"), false);
        assertEquals(Status.FAILED, slash.status());
        assertTrue(slash.msg().contains("without '/'"), slash.msg());
    }
}
