package io.gplay.modules;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.shell.Cmd;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local connection with a folder of stand-in programs first on PATH and some variables set, for every
 * command line (compound ones too: the variables are exported before the line runs).
 */
public final class PathFirstConnection implements Connection {
    private final Connection inner = new LocalConnection();
    private final String prefix;

    public PathFirstConnection(Path bin, Map<String, Object> vars) {
        StringBuilder p = new StringBuilder("export PATH=").append(Cmd.quote(bin)).append(":\"$PATH\"");
        vars.forEach((k, v) -> p.append(' ').append(k).append('=').append(Cmd.quote(v)));
        prefix = p.append("; ").toString();
    }

    @Override
    public ExecResult exec(Command c) {
        return inner.exec(c.withLine(prefix + c.line()));
    }

    @Override
    public void close() {
        inner.close();
    }
}
