package io.gplay.engine.connection;

import io.gplay.engine.shell.Cmd;

/** Runs every command through {@code sudo} as another user (root by default); standard input passes through. */
public final class Become implements Connection {
    private final Connection inner;
    private final String user;

    public Become(Connection inner, String user) {
        this.inner = inner;
        this.user = user;
    }

    @Override
    public ExecResult exec(Command command) {
        String line = Cmd.of("sudo", "-n", "-H", "-u", user, "--", "sh", "-c", command.line()).toString();
        return inner.exec(command.withLine(line));
    }

    @Override
    public void close() {
        inner.close();
    }
}
