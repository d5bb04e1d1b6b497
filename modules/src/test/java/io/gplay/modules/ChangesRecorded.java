package io.gplay.modules;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.LocalConnection;

import java.util.ArrayList;
import java.util.List;

/** Reads run on this machine; changes are recorded, not run, and succeed: what a module would run, safely. */
public final class ChangesRecorded implements Connection {
    private final Connection inner = new LocalConnection();
    public final List<String> changes = new ArrayList<>();

    @Override
    public ExecResult exec(Command c) {
        if (c.readOnly()) {
            return inner.exec(c);
        }
        changes.add(c.line());
        return new ExecResult(0, "", "");
    }

    @Override
    public void close() {
        inner.close();
    }
}
