package io.gplay.engine.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What a vault password script prints, waited for within a bound: a script that hangs must not hang gplay. */
final class ScriptOutput {
    private ScriptOutput() {
    }

    /** {@code p}'s whole standard output once it has exited; killed, with its children, after {@code timeout}. */
    static byte[] read(Process p, Duration timeout, Path script) {
        // read on a thread of its own: a script that never closes its output would block the reader for ever
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "vault-password-script");
            t.setDaemon(true);
            t.start();
        });
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
        try {
            byte[] bytes = out.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (!p.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            return bytes;
        } catch (TimeoutException e) {
            kill(p);
            throw new VaultException("vault password script " + script + " did not finish within "
                    + timeout.toSeconds() + " s and was killed; it must print the password and exit (for a script "
                    + "that asks a person, set " + PasswordSource.TIMEOUT_VARIABLE + "=SECONDS, 0 for no bound)");
        } catch (ExecutionException e) {
            kill(p);
            throw new VaultException("cannot read what vault password script " + script + " printed: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new VaultException("interrupted while running vault password script " + script);
        }
    }

    /** The script and everything it started, found before it dies: then they leave its tree. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
