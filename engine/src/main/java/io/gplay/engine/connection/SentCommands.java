package io.gplay.engine.connection;

import java.util.function.Consumer;

/**
 * A connection that tells {@code sent} of each command before it goes to the host, for the run log: the line as
 * the host gets it ({@code sudo} included when {@link Become} wraps this one); its standard input is never told.
 */
public final class SentCommands implements Connection {
    private final Connection inner;
    private final Consumer<Command> sent;

    public SentCommands(Connection inner, Consumer<Command> sent) {
        this.inner = inner;
        this.sent = sent;
    }

    @Override
    public ExecResult exec(Command command) {
        sent.accept(command);
        return inner.exec(command);
    }

    @Override
    public void close() {
        inner.close();
    }
}
