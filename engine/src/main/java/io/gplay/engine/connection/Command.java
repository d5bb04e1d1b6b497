package io.gplay.engine.connection;

import java.nio.charset.StandardCharsets;

/**
 * One command line for a host's {@code sh}, with optional standard input. {@code readOnly} is the module's
 * promise that the command changes nothing; in check mode the engine refuses every command without it.
 */
public record Command(String line, byte[] stdin, boolean readOnly) {
    public static Command probe(Object line) {
        return new Command(line.toString(), null, true);
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
}
