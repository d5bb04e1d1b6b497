package io.gplay.engine.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Runs commands on this machine with {@code sh -c}: {@code ansible_connection=local}. */
public final class LocalConnection implements Connection {
    /** Commands running now: closing the connection (Ctrl-C) ends them, as it does on an SSH host. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    @Override
    public ExecResult exec(Command command) {
        Process p;
        try {
            p = new ProcessBuilder("sh", "-c", command.line()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running.add(p);
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (command.stdin() != null) {
                    in.write(command.stdin());
                }
            }
            String out = drain(p.getInputStream());
            return new ExecResult(p.waitFor(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            running.remove(p);
        }
    }

    static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM to every command still running and to what it started. */
    @Override
    public void close() {
        for (Process p : running) {
            // the shell first, so that it runs no further line when what it waits for ends
            var started = p.descendants().toList();
            p.destroy();
            started.forEach(ProcessHandle::destroy);
        }
    }
}
