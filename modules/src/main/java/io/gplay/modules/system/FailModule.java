package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

/** Fails the host with a message (Ansible's fail): with {@code when}, the stop a role puts before a step it cannot take. */
public final class FailModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("fail", "Fails the host with a message; used with when, as Ansible's fail.")
            .param(Param.optional("msg", ParamType.STRING, "Failed as requested from task", "the failure message"))
            .primary("msg")
            .checkMode("fails in check mode too, as in a real run")
            .example("fail 'this role supports Debian and Red Hat only', when: { !(facts.osFamily in ['Debian', 'RedHat']) }");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        ctx.fail(ctx.str("msg"));
    }
}
