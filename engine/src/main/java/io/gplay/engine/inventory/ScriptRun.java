package io.gplay.engine.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of an inventory script ({@code --list}, or {@code --host H}): started without a shell, its standard
 * input closed, waited for within a bound; what it printed on each stream, as text.
 */
record ScriptRun(String out, String err) {
    /**
     * Whether Ansible would run the file: its script plugin takes a file that is executable or starts with
     * {@code #!} (plugins/inventory/script.py:58-77 of ansible-core 2.14) and runs it with Python's
     * {@code subprocess}, which only an executable the kernel can start survives: a {@code #!} script or a
     * binary. Ansible reads every other file as YAML or INI; so does gplay, which must not let Java start it
     * with {@code /bin/sh} instead, as Java does an executable that is neither (its fallback on ENOEXEC).
     */
    static boolean isScript(Path file) {
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            return false;
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return false;
        }
        return (n >= 2 && head[0] == '#' && head[1] == '!')
                || (n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F');
    }

    /** Runs {@code script} with {@code args}; a run that fails, or prints text that is not UTF-8, is refused. */
    static ScriptRun of(Path script, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        // absolute: a bare name would be looked up on PATH
        command.add(script.toAbsolutePath().toString());
        command.addAll(List.of(args));
        String what = "inventory script " + script + " " + String.join(" ", args);
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new InventoryException("cannot run " + what + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // it exited already: what it printed still tells
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
        try {
            byte[] stdout = out.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            String stderr = text(err.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS), what, "standard error");
            if (!p.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            if (p.exitValue() != 0) {
                throw new InventoryException(what + " exited " + p.exitValue() + withErr(stderr));
            }
            return new ScriptRun(text(stdout, what, "output"), stderr);
        } catch (TimeoutException e) {
            kill(p);
            throw new InventoryException(what + " did not finish within " + timeout.toSeconds() + " s and was "
                    + "killed (set " + LoadOptions.TIMEOUT_VARIABLE + "=SECONDS for a longer bound, 0 for none)");
        } catch (ExecutionException e) {
            kill(p);
            throw new InventoryException("cannot read what " + what + " printed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new InventoryException("interrupted while running " + what);
        }
    }

    /** ": " and what the script wrote on its standard error, or nothing when it wrote nothing. */
    static String withErr(String stderr) {
        return stderr.isBlank() ? "" : "; its standard error:\n" + stderr.stripTrailing();
    }

    /** Read on a thread of its own: a script that never closes a stream must not block gplay for ever. */
    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "inventory-script");
            t.setDaemon(true);
            t.start();
        });
    }

    /** As Ansible: what a script prints must be UTF-8. */
    private static String text(byte[] bytes, String what, String stream) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InventoryException(what + ": its " + stream + " is not UTF-8 text");
        }
    }

    /** The script and everything it started, found before it dies: then they leave its tree. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
