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
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /** The three runs {@link #checkRealAgain} made. */
    public record Runs(Result check, Result real, Result again) {
    }

    /**
     * What a module's tests check of a change: a check run predicts it and leaves {@code state} (what the test reads
     * of the host) as it was, the real run makes exactly the predicted changes (descriptions and diffs), and the
     * run after it is ok. {@code run} runs the task, in check mode when given true.
     */
    public static Runs checkRealAgain(Function<Boolean, Result> run, Supplier<String> state) {
        String before = state.get();
        Result check = run.apply(true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, state.get(), "a check run changed nothing");
        Result real = run.apply(false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        Result again = run.apply(false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        return new Runs(check, real, again);
    }

    public static boolean changed(Result r) {
        return r.status() == Status.CHANGED;
    }
}
