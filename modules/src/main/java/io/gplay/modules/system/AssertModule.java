package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

/** Fails the host when a condition does not hold: a guard before a risky step. */
public final class AssertModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("assert", "Fails the host, with a message, when a condition is false.")
            .dslName("verify")
            .param(Param.required("that", ParamType.BOOL, "the condition, usually a per-host closure"))
            .param(Param.optional("msg", ParamType.STRING, "assertion failed", "the failure message"))
            .checkMode("evaluated in check mode too")
            .notes("In a playbook the module is called verify: assert is a Groovy keyword.")
            .example("verify 'one host at a time', that: { playHosts.size() == 1 }, msg: 'give one host with -l HOST'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        if (!ctx.bool("that")) {
            ctx.fail(ctx.str("msg"));
        }
        ctx.msg("condition holds");
    }
}
