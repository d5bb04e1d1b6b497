package io.gplay.modules;

import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleInvocation;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;

import java.util.List;
import java.util.Map;

/** Runs a module on this machine through the local connection, by the engine's own path (check mode guarded). */
public final class Harness {
    private Harness() {
    }

    public static Result run(Module module, Map<String, Object> params, boolean check) {
        return run(module, params, localHost(check));
    }

    public static Result run(Module module, Map<String, Object> params, boolean check, Connection conn, Map<String, Object> facts) {
        return run(module, params, HostContext.of(new Host("local", List.of(), Map.of()), facts, conn, check));
    }

    /** Runs on a context the caller keeps (a host a test set up itself), so tasks of one check run see each other's predictions. */
    public static Result run(Module module, Map<String, Object> params, HostContext where) {
        Map<String, Object> resolved;
        try {
            resolved = ParamValidator.resolve(module.spec(), params);
        } catch (ModuleFailure e) {
            return Result.failed(e.getMessage()); // as the runner fails a task whose parameters break the spec on a host
        }
        Result r = ModuleInvocation.run(module, resolved, where);
        ReturnContract.check(module.spec(), r);
        return r;
    }

    /** This machine as a host, in check mode or not, for several runs in a row. */
    public static HostContext localHost(boolean check) {
        return HostContext.of(new Host("local", List.of(), Map.of()), Map.of("pkgMgr", "apt", "serviceMgr", "systemd",
                "osFamily", "Debian"), new LocalConnection(), check);
    }

    public static boolean changed(Result r) {
        return r.status() == Status.CHANGED;
    }
}
