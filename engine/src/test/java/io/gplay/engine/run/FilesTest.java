package io.gplay.engine.run;

import io.gplay.engine.connection.CheckModeGuard;
import io.gplay.engine.connection.CheckModeViolation;
import io.gplay.engine.connection.Files;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.connection.RemoteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAtomicallyKeepingModeAndLeavesNoTemporaryFile() throws Exception {
        LocalConnection c = new LocalConnection();
        String path = dir.resolve("a file with spaces").toString();
        Files.write(c, path, "one\n", "0600");
        RemoteFile f = Files.stat(c, path);
        assertEquals("one\n", f.content());
        assertEquals("600", f.mode());
        Files.write(c, path, "two\n", null);
        assertEquals("600", Files.stat(c, path).mode(), "an existing file keeps its mode");
        try (var s = java.nio.file.Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file is left beside it");
        }
        String backup = Files.backup(c, path);
        assertTrue(backup.startsWith(path + "."), backup);
        assertEquals("two\n", java.nio.file.Files.readString(Path.of(backup)));
    }

    @Test
    void checkModeGuardRefusesWritesAndChangingCommands() {
        CheckModeGuard guard = new CheckModeGuard(new LocalConnection());
        String path = dir.resolve("x").toString();
        assertThrows(CheckModeViolation.class, () -> Files.write(guard, path, "x", null));
        assertFalse(java.nio.file.Files.exists(Path.of(path)));
        assertEquals("absent", Files.stat(guard, path).type(), "reads are allowed");
    }
}
