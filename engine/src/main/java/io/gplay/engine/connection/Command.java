package io.gplay.engine.connection;

import java.nio.charset.StandardCharsets;

/**
 * One command line for a host's {@code sh}, with optional standard input. {@code readOnly} is the module's
 * promise that the command changes nothing; in check mode the engine refuses every command without it.
 * {@code shared} marks a module's own state read (no input, nothing left running), which a connection may run
 * in a shell it keeps for such reads; every other command, a user's read-only one included, runs on its own.
 */
public record Command(String line, byte[] stdin, boolean readOnly, boolean shared) {
    public Command(String line, byte[] stdin, boolean readOnly) {
        this(line, stdin, readOnly, false);
    }

    public static Command probe(Object line) {
        return new Command(line.toString(), null, true, true);
    }

    public static Command change(Object line) {
        return new Command(line.toString(), null, false);
    }

    public static Command change(Object line, byte[] stdin) {
        return new Command(line.toString(), stdin, false);
    }

    public static Command change(Object line, String stdin) {
        return change(line, stdin.getBytes(StandardCharsets.UTF_8));
    }

    /** The same command with another line (wrapped in sudo, say). */
    public Command withLine(String newLine) {
        return new Command(newLine, stdin, readOnly, shared);
    }
}
