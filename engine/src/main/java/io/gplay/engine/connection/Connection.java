package io.gplay.engine.connection;

/**
 * A way to run commands on one host. Files are read and written through commands too (see {@link Files}),
 * so one implementation of atomic writes serves local, SSH and sudo alike.
 */
public interface Connection extends AutoCloseable {
    /** Runs the command with {@code sh -c} on the host and waits for it. */
    ExecResult exec(Command command);

    @Override
    void close();
}
