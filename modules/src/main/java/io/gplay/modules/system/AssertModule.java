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
            .leavesOut("fail_msg", "called msg")
            .leavesOut("success_msg", "a condition that holds says 'condition holds'")
            .leavesOut("quiet", "a condition that holds is one line of output")
            .notes("In a playbook the module is called verify: assert is a Groovy keyword.")
            .returns("evaluated_to", "bool", "success", "what the condition evaluated to: true, as a false one fails the host with msg", "true")
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
        ctx.set("evaluated_to", true);
        ctx.msg("condition holds");
    }
}
