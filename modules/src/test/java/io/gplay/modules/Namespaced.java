package io.gplay.modules;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.shell.Cmd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away mount, UTS and network namespace on this machine, with an overlay over each folder named (its
 * writes land in a temporary folder, the machine's own files stay as they are), and a connection whose every
 * command runs inside it: {@code useradd}, {@code hostname} and {@code sysctl -w} of a network key run for real
 * and change nothing of the machine. The namespace lives as long as a holder process, which ends when
 * {@link #close} closes its standard input, or when the test's JVM ends.
 */
public final class Namespaced implements Connection {
    private final LocalConnection local = new LocalConnection();
    private final Process holder;
    private final String pid;

    /** {@code work}: a temporary folder for the overlays' layers; {@code overlaid}: folders such as /etc, /home. */
    public Namespaced(Path work, String... overlaid) throws IOException {
        Needs.require(ProcessHandle.current().info().user().orElse("").equals("root")
                && new LocalConnection().exec(Command.probe("command -v unshare && command -v nsenter")).ok(),
                "namespaced module tests need root, unshare and nsenter");
        StringBuilder setup = new StringBuilder("set -e; ip link set lo up 2>/dev/null || true; ");
        for (String dir : overlaid) {
            Path layer = Files.createDirectories(work.resolve("overlay" + dir.replace('/', '_')));
            Files.createDirectories(layer.resolve("upper"));
            Files.createDirectories(layer.resolve("work"));
            setup.append(Cmd.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + dir + ",upperdir="
                    + layer.resolve("upper") + ",workdir=" + layer.resolve("work"), dir)).append("; ");
        }
        setup.append("echo $$; exec cat >/dev/null");
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--net", "--fork", "sh", "-c",
                setup.toString()));
        holder = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (first == null || !first.matches("\\d+")) {
            holder.destroyForcibly();
            throw new IllegalStateException("the namespace did not start: " + first);
        }
        pid = first;
    }

    @Override
    public ExecResult exec(Command c) {
        return local.exec(c.withLine(Cmd.of("nsenter", "-t", pid, "-m", "-u", "-n", "sh", "-c", c.line()).toString()));
    }

    /** Runs a command inside the namespace that must succeed; returns its output. */
    public String sh(String line) {
        ExecResult r = exec(Command.change(line));
        if (!r.ok()) {
            throw new IllegalStateException(line + ": " + r.reason());
        }
        return r.stdout();
    }

    @Override
    public void close() {
        try {
            holder.getOutputStream().close();
            holder.waitFor();
        } catch (IOException | InterruptedException e) {
            holder.destroyForcibly();
        }
    }
}
