package io.gplay.modules.selinux;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

/**
 * An SELinux boolean through the host's getsebool and setsebool, decided as ansible.posix's seboolean (main at
 * 35bcea6, plugins/modules/seboolean.py main): set when its value differs, with setsebool -P when persistent.
 * Ansible compares a persistent boolean with the policy store's value (libsemanage); no command prints that value
 * alone, so here the live value is compared in both cases (see the notes).
 */
public final class SebooleanModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("seboolean", "Sets an SELinux boolean, live and, when persistent, across reboots.")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the boolean (httpd_can_network_connect)"))
            .param(Param.required("state", ParamType.BOOL, "its value"))
            .param(Param.optional("persistent", ParamType.BOOL, false, "keep the value across reboots (setsebool -P)"))
            .param(Param.optional("ignoreSelinuxState", ParamType.BOOL, false, "run even when selinuxenabled says SELinux is off (a chroot): nothing is set live then"))
            .checkMode("reads getsebool and predicts the setsebool call; later tasks of the check run see the value")
            .notes("The value compared is the live one (getsebool), persistent or not: a boolean set live without -P and"
                    + " already at the value is not made persistent (Ansible reads the policy store's value for persistent).")
            .returns("name", "string", "success", "the boolean", "httpd_can_network_connect")
            .returns("state", "bool", "success", "its value", "true")
            .returns("persistent", "bool", "success", "whether it was set across reboots", "true")
            .example("seboolean 'httpd_can_network_connect', state: true, persistent: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        if (!name.matches("[A-Za-z0-9_]+")) {
            ctx.fail("name '" + name + "' is no SELinux boolean: a boolean is letters, digits and _ (httpd_can_network_connect)");
        }
        boolean state = ctx.bool("state");
        boolean persistent = ctx.bool("persistent");
        boolean enabled = ctx.probe(Cmd.of("selinuxenabled")).ok();
        if (!enabled && !ctx.bool("ignoreSelinuxState")) {
            ctx.fail("SELinux is disabled on this host.");
        }
        if (!enabled && persistent) {
            ctx.fail("setsebool -P refuses a host where SELinux is disabled: enable SELinux (selinux module, then a reboot) first");
        }
        ctx.set("name", name);
        ctx.set("state", state);
        ctx.set("persistent", persistent);
        if (!enabled) {
            return; // as Ansible: with SELinux off there is no live value to set
        }
        String key = "seboolean:" + name;
        String current = ctx.predictedState(key);
        if (current == null) {
            current = live(ctx, name);
        }
        String wanted = state ? "on" : "off";
        if (current.equals(wanted)) {
            return;
        }
        Cmd set = persistent ? Cmd.of("setsebool", "-P") : Cmd.of("setsebool");
        ctx.converge("set " + name + " from " + current + " to " + wanted + (persistent ? ", persistent (setsebool -P)" : " (live only)"),
                () -> ctx.change(set.arg(name).raw(wanted)));
        ctx.predictState(key, wanted);
    }

    /** The live value, on or off, from getsebool's "NAME --> on" (a pending value after it is not the live one). */
    private static String live(ModuleContext ctx, String name) {
        ExecResult r = ctx.probe(Cmd.of("getsebool", name));
        String[] words = r.stdout().strip().split("\\s+");
        if (!r.ok() || words.length < 3 || !words[1].equals("-->")) {
            ctx.fail("Failed to determine current state for boolean " + name + ": " + r.reason());
        }
        return words[2];
    }
}
