package io.gplay.engine.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs commands on this machine with {@code sh -c}: {@code ansible_connection=local}; or, given an entry
 * command, inside what that command enters (a chroot, a process's namespaces, a container: {@link EntryCommands}).
 */
public final class LocalConnection implements Connection {
    /** The words put before {@code sh -c LINE}: none for this machine itself. */
    private final List<String> entry;

    /** Commands running now: closing the connection (Ctrl-C) ends them, as it does on an SSH host. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    public LocalConnection() {
        this(List.of());
    }

    public LocalConnection(List<String> entry) {
        this.entry = List.copyOf(entry);
    }

    @Override
    public ExecResult exec(Command command) {
        Process p;
        try {
            List<String> argv = new ArrayList<>(entry);
            argv.addAll(List.of("sh", "-c", command.line()));
            p = new ProcessBuilder(argv).start();
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
