package io.gplay.cli;

import io.gplay.engine.shell.ShellWords;
import io.gplay.engine.vault.VaultException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lets the user edit clear text in $EDITOR (else $VISUAL, else vi) as ansible-vault does, but the clear text
 * only ever lives in a file of a private directory (0700; the file 0600), which is overwritten and removed
 * afterwards, also when the editor fails or gplay is interrupted. A directory and not just a file, because
 * editors write swap and backup files beside the file they edit.
 */
final class VaultEditor {
    private VaultEditor() {
    }

    /** The text after editing; {@code suffix} (".yml") lets the editor highlight it. */
    static byte[] edit(byte[] clear, String suffix) {
        Path dir;
        try {
            dir = Files.createTempDirectory("gplay-vault-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new VaultException("cannot make a private temporary directory: " + e.getMessage());
        }
        Thread cleanup = new Thread(() -> shred(dir));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Path file = Files.createFile(dir.resolve("vault" + suffix),
                    PosixFilePermissions.asFileAttribute(VaultFiles.PRIVATE));
            Files.write(file, clear);
            List<String> command = new ArrayList<>(ShellWords.split(editor()));
            command.add(file.toString());
            int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new VaultException("the editor (" + command.get(0) + ") exited " + rc + "; nothing was saved");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VaultException("cannot run the editor (" + editor() + "): " + e.getMessage()
                    + "; set EDITOR to one that exists");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException("interrupted; nothing was saved");
        } finally {
            shred(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds the directory gone
            }
        }
    }

    private static String editor() {
        String e = System.getenv("EDITOR");
        if (e == null || e.isBlank()) {
            e = System.getenv("VISUAL");
        }
        return e == null || e.isBlank() ? "vi" : e;
    }

    /** Overwrites every file under {@code dir} with zeros, then removes them and the directory. */
    private static void shred(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        long size = ch.size();
                        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
                        for (long at = 0; at < size; at += zeros.capacity()) {
                            zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                            ch.write(zeros, at);
                        }
                        ch.force(true);
                    }
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("gplay: warning: could not remove " + dir + " (" + e.getMessage() + "): remove it by hand");
        }
    }
}
