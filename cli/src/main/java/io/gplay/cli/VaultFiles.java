package io.gplay.cli;

import io.gplay.engine.vault.VaultException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reading and writing the files of {@code gplay vault}: "-" is standard input or output. */
final class VaultFiles {
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private VaultFiles() {
    }

    static byte[] read(String file) {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code data} to {@code file} ("-": standard output) through a private file beside it that is then
     * renamed over it, so that no reader sees half a file; {@code mode} null for owner-only (0600). A symbolic
     * link is followed, as ansible-vault does: its target is replaced and the link kept (renaming over the link
     * would leave the target, maybe clear text, as it was).
     */
    static void write(String file, byte[] data, Set<PosixFilePermission> mode) {
        if (file.equals("-")) {
            System.out.write(data, 0, data.length);
            System.out.flush();
            return;
        }
        Path tmp = null;
        try {
            Path target = Files.exists(Path.of(file)) ? Path.of(file).toRealPath() : Path.of(file).toAbsolutePath();
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.write(tmp, data);
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new VaultException("cannot write " + file + ": " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The permissions of an existing file, to keep them when it is written again. */
    static Set<PosixFilePermission> mode(String file) {
        try {
            return Files.getPosixFilePermissions(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // nothing to add to the error being reported
        }
    }
}
