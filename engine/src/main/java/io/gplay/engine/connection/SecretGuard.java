package io.gplay.engine.connection;

import io.gplay.engine.vault.SecretMask;

/**
 * Keeps secrets off the hosts' command lines: a command whose line holds a value read from a vault (or a login
 * or become password, or a value a closure computed from one: {@link io.gplay.engine.plan.SecretReads}) is
 * refused before it is sent. On the host that line is the argv of {@code sh -c}, which
 * {@code ps} shows to every user there; standard input and files of mode 0600 are the ways a secret travels.
 * Put in place where a module's context is made, as {@link CheckModeGuard} is.
 */
public final class SecretGuard implements Connection {
    /** A command refused because its line holds a secret; the message names no secret and says the fix. */
    public static final class SecretOnCommandLine extends RuntimeException {
        SecretOnCommandLine(String message) {
            super(message);
        }
    }

    private final Connection inner;
    private final SecretMask secrets;

    public SecretGuard(Connection inner, SecretMask secrets) {
        this.inner = inner;
        this.secrets = secrets;
    }

    @Override
    public ExecResult exec(Command command) {
        if (secrets.appearsIn(command.line())) {
            throw new SecretOnCommandLine("refused before it ran: a secret (a value from a vault, or a password) would"
                    + " be on the command line of the host, where `ps` shows it to every user: "
                    + secrets.mask(command.line()) + "; pass it on standard input instead (command and shell:"
                    + " stdin: { vars.NAME }, read by the program)");
        }
        return inner.exec(command);
    }

    @Override
    public void close() {
        inner.close();
    }
}
