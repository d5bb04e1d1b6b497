package io.gplay.modules.system;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

/**
 * Runs a command line through {@code sh}: pipes, redirects and variables work. The line is the playbook
 * author's own shell code; per-host values interpolated into it should be quoted with {@code Cmd.quote}
 * (in the DSL: {@code quote(x)}).
 */
public final class ShellModule extends CommandModule {
    public ShellModule() {
        super("shell", "Runs a command line through the host's shell (pipes, redirects, variables).");
        spec().oneOf("cmd");
    }

    @Override
    protected Cmd commandLine(ModuleContext ctx) {
        return Cmd.script(ctx.str("cmd"));
    }
}
