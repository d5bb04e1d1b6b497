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
import static org.junit.jupiter.api.Assertions.assertNull;
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
        Files.write(c, path, "two\n", "0640");
        assertEquals("640", Files.stat(c, path).mode(), "unless a mode is given");
        String fresh = dir.resolve("fresh").toString();
        Files.write(c, fresh, "", null);
        assertEquals("644", Files.stat(c, fresh).mode(), "a new file without a mode");
        java.nio.file.Files.delete(Path.of(fresh));
        try (var s = java.nio.file.Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file is left beside it");
        }
        String backup = Files.backup(c, path);
        assertTrue(backup.startsWith(path + "."), backup);
        assertEquals("two\n", java.nio.file.Files.readString(Path.of(backup)));
    }

    @Test
    void statReadsEachKindOfPathWhateverItsName() throws Exception {
        LocalConnection c = new LocalConnection();
        Path folder = java.nio.file.Files.createDirectory(dir.resolve("-d it's $HOME `id`"));
        Path file = folder.resolve("f; rm -rf x");
        java.nio.file.Files.writeString(file, "no newline at the end ü");
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("l \"q\""), file);

        RemoteFile d = Files.stat(c, folder.toString());
        assertEquals("directory", d.type());
        assertEquals(System.getProperty("user.name"), d.owner());
        RemoteFile f = Files.stat(c, file.toString());
        assertEquals("file", f.type());
        assertEquals("no newline at the end ü", f.content());
        assertNull(Files.stat(c, file.toString(), false).content(), "content only when asked for");
        RemoteFile l = Files.stat(c, link.toString());
        assertEquals("link", l.type());
        assertEquals(file.toString(), l.linkTarget());
        assertEquals("absent", Files.stat(c, dir.resolve("nothing here").toString()).type());
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
