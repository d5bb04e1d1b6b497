package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sets variables of a host, computed once, for the tasks after it (Ansible's {@code set_fact}). */
public final class SetFactModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("setFact",
            "Sets variables of each host for the tasks after it in the run, as Ansible's set_fact: computed once on each host, read by name.")
            .param(Param.required("facts", ParamType.MAP, "the variables and their values (per-host closures too);"
                    + " named values of the task that are not keywords go here: setFact 'x', a: 1 is setFact 'x', facts: [a: 1]"))
            .gathers("facts")
            .checkMode("sets the variables in check mode too; changes nothing on the host")
            .notes("A set fact lies above the inventory's, the play's and a role's variables and below extra variables (-e), as a registered result does.")
            .leavesOut("cacheable", "facts live for the run; nothing is cached between runs")
            .returns("facts", "map", "success", "the variables set, by name: the run adds them to the host's variables", "{brick: /gluster/data0}")
            .example("setFact 'the brick of this host', brick: { \"/gluster/data${groups.ovirt.indexOf(host)}\" }")
            .example("command 'brick in use?', cmd: { \"ls ${brick}\" }, readOnly: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = new LinkedHashMap<>((Map<String, Object>) ctx.get("facts"));
        facts.forEach((k, v) -> {
            if (v == null) {
                throw new ModuleFailure("fact '" + k + "' is null (a variable that is not set? vars.x ?: 'default'"
                        + " gives one a default)");
            }
        });
        ctx.set("facts", facts);
    }
}
