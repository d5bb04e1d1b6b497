package io.gplay.modules.accounts;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** Adds, changes the GID of, or removes a local group, with the shadow tools, as Ansible's group module. */
public final class GroupModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("group", "Adds, changes or removes a group (groupadd, groupmod, groupdel).")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the group"))
            .param(Param.optional("gid", ParamType.INT, null, "its GID; an existing group's is changed to it (groupmod -g)"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the group should exist"))
            .param(Param.optional("system", ParamType.BOOL, false, "create it as a system group (groupadd -r), with a GID from the system range"))
            .param(Param.optional("nonUnique", ParamType.BOOL, false, "allow a GID another group has (-o); with gid only"))
            .checkMode("predicts from getent group; later tasks of the check run (user's group and groups) see the group as it would be")
            .notes("The group is read with getent, so a group of LDAP or SSSD counts as there, as in Ansible; only local"
                    + " groups are changed. Removing a group that is some user's primary group fails, as groupdel does.")
            .returns("name", "string", "success", "the group's name", "developers")
            .returns("state", "string", "success", "the state asked", "present")
            .returns("gid", "int", "when state is present and the group exists (not for one a check run would add)", "the group's GID", "1001")
            .returns("system", "bool", "when state is present", "whether it was asked to be a system group", "false")
            .leavesOut("local", "gplay changes groups with groupadd, groupmod and groupdel, which write only local files already;"
                    + " the libuser tools (lgroupadd) are not used")
            .leavesOut("gid_min", "Ansible 2.18's; the range is login.defs' SYS_GID_MIN/GID_MIN, as groupadd reads it")
            .leavesOut("gid_max", "as gid_min")
            .example("group 'developers', gid: 1500")
            .example("group 'old-team', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = AccountName.of(ctx, "name");
        boolean present = ctx.str("state").equals("present");
        ctx.set("name", name);
        ctx.set("state", ctx.str("state"));
        Accounts.Entry group = Accounts.group(ctx, name);
        if (!present) {
            if (group != null) {
                ctx.converge("remove group " + name, () -> ctx.change(Cmd.of("groupdel", "--", name)));
                ctx.predictState(Accounts.groupKey(name), Accounts.ABSENT);
            }
            return;
        }
        ctx.set("system", ctx.bool("system"));
        Integer gid = ctx.integer("gid");
        if (group == null) {
            Cmd add = Cmd.of("groupadd");
            if (gid != null) {
                add.raw("-g").arg(gid);
                if (ctx.bool("nonUnique")) {
                    add.raw("-o");
                }
            }
            if (ctx.bool("system")) {
                add.raw("-r");
            }
            ctx.converge("add group " + name + (gid != null ? " (GID " + gid + ")" : ""),
                    () -> ctx.change(add.raw("--").arg(name)));
            ctx.predictState(Accounts.groupKey(name), gid != null ? gid.toString() : Accounts.PRESENT);
        } else if (gid != null && !gid.equals(group.id())) {
            Cmd mod = Cmd.of("groupmod", "-g", gid);
            if (ctx.bool("nonUnique")) {
                mod.raw("-o");
            }
            ctx.converge("change group " + name + "'s GID from " + group.id() + " to " + gid,
                    () -> ctx.change(mod.raw("--").arg(name)));
            ctx.predictState(Accounts.groupKey(name), gid.toString());
        }
        Accounts.Entry after = ctx.checkMode() ? group : Accounts.group(ctx, name);
        Integer known = ctx.checkMode() && gid != null ? gid : after == null ? null : after.id();
        if (known != null) {
            ctx.set("gid", known);
        }
    }
}
