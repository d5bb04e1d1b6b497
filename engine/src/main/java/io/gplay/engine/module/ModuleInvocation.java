package io.gplay.engine.module;

import io.gplay.engine.connection.UnreachableException;

import java.util.Map;

/**
 * Runs one module once on one host: its context built over the host (guarded in check mode), and what the
 * module threw turned into its result. The runner and the modules' tests go through this one path.
 * A {@link io.gplay.engine.connection.CheckModeViolation}, a lost host and a secret refused on a command line
 * are not results: they pass through to the caller, which owns the run (and names the task's line).
 */
public final class ModuleInvocation {
    private ModuleInvocation() {
    }

    /** {@code params} as validated and defaulted by {@link ParamValidator#resolve}. */
    public static Result run(Module module, Map<String, Object> params, HostContext where) {
        ModuleContext ctx = new ModuleContext(params, where);
        try {
            module.run(ctx);
            return ctx.result();
        } catch (ModuleFailure | IllegalStateException e) {
            // the task fails, keeping what the module recorded before (rc, stdout, changes made)
            return ctx.result().failedWith(e.getMessage());
        } catch (UnreachableException | io.gplay.engine.connection.CheckModeViolation
                 | io.gplay.engine.connection.SecretGuard.SecretOnCommandLine e) {
            throw e;
        } catch (Exception e) {
            return Result.failed(Failures.describe(e));
        }
    }
}
