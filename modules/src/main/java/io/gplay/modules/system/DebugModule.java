package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

/** Shows a message (an operator reminder, a registered result) in the run's output. */
public final class DebugModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("debug", "Shows a message in the output: a reminder for the operator, or a value from a registered result.")
            .primary("msg")
            .param(Param.required("msg", ParamType.ANY, "what to show; a per-host closure can show registered results"))
            .checkMode("shows the message in check mode too; changes nothing")
            .leavesOut("var", "msg takes a per-host closure: msg: { volumes.stdout }")
            .leavesOut("verbosity", "a debug task is always shown")
            .returns("display", "bool", "always", "true: the run's output shows msg even where it shows no other task's message", "true")
            .example("debug 'reminder', msg: 'In the oVirt admin console, put this host in maintenance mode first.'")
            .example("debug 'volumes', msg: { volumes.stdout }");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        ctx.msg(String.valueOf(ctx.get("msg")));
        ctx.set("display", true);
    }
}
