package io.gplay.modules;

import io.gplay.engine.connection.CheckModeGuard;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;

import java.util.List;
import java.util.Map;

/** Runs a module on this machine through the local connection, as the runner would (check mode guarded too). */
public final class Harness {
    private Harness() {
    }

    public static Result run(Module module, Map<String, Object> params, boolean check) {
        return run(module, params, check, new LocalConnection(), Map.of("pkgMgr", "apt", "serviceMgr", "systemd",
                "osFamily", "Debian"));
    }

    public static Result run(Module module, Map<String, Object> params, boolean check, Connection conn, Map<String, Object> facts) {
        Connection c = check ? new CheckModeGuard(conn) : conn;
        ModuleContext ctx = new ModuleContext(ParamValidator.resolve(module.spec(), params),
                new Host("local", List.of(), Map.of()), facts, c, check);
        try {
            module.run(ctx);
            return ctx.result();
        } catch (ModuleFailure | IllegalStateException e) {
            // as the runner does: the task fails, keeping what the module recorded (rc, stdout, ...)
            Result partial = ctx.result();
            java.util.Map<String, Object> data = new java.util.LinkedHashMap<>(partial.data());
            data.put("msg", e.getMessage());
            return new Result(Status.FAILED, e.getMessage(), partial.changes(), partial.diffs(), data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static boolean changed(Result r) {
        return r.status() == Status.CHANGED;
    }
}
