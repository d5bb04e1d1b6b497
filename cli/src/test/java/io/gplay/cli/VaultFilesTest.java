package io.gplay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultFilesTest {
    @TempDir
    Path dir;

    @Test
    void writingThroughASymlinkReplacesItsTargetAndKeepsTheLink() throws Exception {
        Files.createDirectories(dir.resolve("real"));
        Path real = dir.resolve("real/secrets.yml");
        Files.writeString(real, "db_password: s3cr3t\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = dir.resolve("link.yml");
        Files.createSymbolicLink(link, Path.of("real/secrets.yml"));
        Path chain = dir.resolve("chain.yml");
        Files.createSymbolicLink(chain, link.getFileName());

        VaultFiles.write(chain.toString(), "$ANSIBLE_VAULT;1.1;AES256\n00\n".getBytes(StandardCharsets.US_ASCII), null);

        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(chain), "the links stay links");
        assertEquals("$ANSIBLE_VAULT;1.1;AES256\n00\n", Files.readString(real));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        try (var files = Files.list(dir.resolve("real"))) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }
}
