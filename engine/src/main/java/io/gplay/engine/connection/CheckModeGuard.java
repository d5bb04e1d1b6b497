package io.gplay.engine.connection;

/**
 * Wraps a host's connection in check mode: commands not declared read-only never reach the host. This is
 * the engine's guarantee that check mode changes nothing, whatever a module does.
 */
public final class CheckModeGuard implements Connection {
    private final Connection inner;

    public CheckModeGuard(Connection inner) {
        this.inner = inner;
    }

    @Override
    public ExecResult exec(Command command) {
        if (!command.readOnly()) {
            throw new CheckModeViolation("refused in check mode, not declared read-only: " + command.line());
        }
        return inner.exec(command);
    }

    @Override
    public void close() {
        inner.close();
    }
}
