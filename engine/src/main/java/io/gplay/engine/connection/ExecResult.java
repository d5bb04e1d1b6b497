package io.gplay.engine.connection;

/** What a command did on a host: its exit code and both output streams, decoded as UTF-8. */
public record ExecResult(int rc, String stdout, String stderr) {
    public boolean ok() {
        return rc == 0;
    }

    /** A one-line reason for a failed command, for error messages. */
    public String reason() {
        String err = stderr.isBlank() ? stdout : stderr;
        return "rc=" + rc + (err.isBlank() ? "" : ": " + err.strip());
    }
}
