package io.gplay.modules;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.shell.Cmd;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway network namespace on this machine and a connection whose every command runs inside it, so firewall
 * tests never touch the machine's own rules. Files stay shared with the machine.
 */
public final class Netns implements Connection {
    private static final AtomicInteger SEQ = new AtomicInteger();

    public final String name = "gplaytest" + ProcessHandle.current().pid() + "n" + SEQ.incrementAndGet();
    private final LocalConnection local = new LocalConnection();

    public Netns() {
        host("ip netns add " + name);
        exec(Command.change("ip link set lo up"));
    }

    @Override
    public ExecResult exec(Command c) {
        String line = Cmd.of("ip", "netns", "exec", name, "sh", "-c", c.line()).toString();
        return local.exec(c.withLine(line));
    }

    /** Runs a command inside the namespace that must succeed; returns its output. */
    public String sh(String line) {
        ExecResult r = exec(Command.change(line));
        if (!r.ok()) {
            throw new IllegalStateException(line + ": " + r.reason());
        }
        return r.stdout();
    }

    /** The processes left in the namespace. */
    public String pids() {
        return host("ip netns pids " + name).strip();
    }

    private String host(String line) {
        ExecResult r = local.exec(Command.change(line));
        if (!r.ok()) {
            throw new IllegalStateException(line + ": " + r.reason());
        }
        return r.stdout();
    }

    /** Ends whatever still runs in the namespace, then deletes it. */
    @Override
    public void close() {
        local.exec(Command.change("ip netns pids " + name + " | xargs -r kill -9; ip netns del " + name));
    }
}
