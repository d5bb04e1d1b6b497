package io.gplay.modules.selinux;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.util.ArrayList;
import java.util.List;

/**
 * SELinux's mode and policy, decided as ansible.posix's selinux module (main at 35bcea6, plugins/modules/selinux.py
 * main): the configuration file's SELINUX= and SELINUXTYPE= lines, and the live mode through getenforce and
 * setenforce; a change to or from disabled waits for a reboot (reboot_required).
 */
public final class SelinuxModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("selinux", "Sets SELinux's mode (live and in /etc/selinux/config) and its policy.")
            .primary("state")
            .param(new Param("state", ParamType.STRING, true, null, List.of("enforcing", "permissive", "disabled"), "the mode"))
            .param(Param.optional("policy", ParamType.STRING, null, "the policy (targeted); required unless state is disabled"))
            .param(Param.optional("configfile", ParamType.PATH, "/etc/selinux/config", "the configuration file"))
            .requiredIf(java.util.Map.of("state", "enforcing"), "policy")
            .requiredIf(java.util.Map.of("state", "permissive"), "policy")
            .checkMode("predicts the file's edit with its diff and the setenforce call; later tasks of the check run see the live mode it would set")
            .notes("As in Ansible: leaving SELinux for disabled sets the live mode to permissive until the reboot; enabling a disabled"
                    + " SELinux only edits the file (reboot_required). A new policy must exist as POLICY/policy beside the"
                    + " configuration file (/etc/selinux/targeted/policy).")
            .returns("msg", "string", "success", "the changes made, as Ansible words them", "Config SELinux state changed from 'disabled' to 'permissive'")
            .returns("configfile", "string", "success", "the configuration file", "/etc/selinux/config")
            .returns("policy", "string", "success", "the policy", "targeted")
            .returns("state", "string", "success", "the mode asked for", "enforcing")
            .returns("reboot_required", "bool", "success", "whether the change waits for a reboot", "true")
            .leavesOut("update_kernel_param", "not built: the kernel's selinux=0 argument through grubby")
            .example("selinux 'enforcing', policy: 'targeted'")
            .example("selinux 'permissive', policy: 'targeted', configfile: '/etc/selinux/config'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String state = ctx.str("state");
        String file = ctx.str("configfile");
        String policy = ctx.str("policy");
        if (policy != null && !policy.matches("[A-Za-z0-9_.-]+")) {
            ctx.fail("policy '" + policy + "' is no policy name: letters, digits and . _ - (targeted, mls)");
        }
        String predicted = ctx.predictedState("selinux:mode");
        String live = (predicted != null ? predicted : ctx.read(Cmd.of("getenforce"))).strip().toLowerCase();
        RemoteFile found = ctx.stat(file);
        if (!found.isFile()) {
            ctx.fail("Unable to find file " + file + " (install the selinux-policy package, which writes it)");
        }
        String text = found.content();
        String configPolicy = SelinuxConfig.get(text, "SELINUXTYPE");
        String configState = SelinuxConfig.get(text, "SELINUX");
        policy = policy != null ? policy : configPolicy;
        List<String> msgs = new ArrayList<>();
        String warning = null;
        boolean rebootRequired = false;
        boolean policyChanges = policy != null && !policy.equals(configPolicy);
        if (policyChanges) {
            String dir = file.substring(0, file.lastIndexOf('/') + 1);
            if (!ctx.stat(dir + policy + "/policy", false).exists()) {
                ctx.fail("Policy " + policy + " does not exist in " + dir);
            }
            msgs.add("SELinux policy configuration in '" + file + "' changed from '" + py(configPolicy) + "' to '" + policy + "'");
        }
        if (!state.equals(live)) {
            if (live.equals("disabled")) {
                warning = "Reboot is required to set SELinux state to '" + state + "'";
                rebootRequired = true;
            } else if (state.equals("disabled")) {
                if (!live.equals("permissive")) {
                    setenforce(ctx, live, "permissive");
                    warning = "SELinux state temporarily changed from '" + live + "' to 'permissive'. State change will take effect next reboot.";
                } else {
                    warning = "SELinux state change will take effect next reboot";
                }
                rebootRequired = true;
            } else {
                setenforce(ctx, live, state);
                msgs.add("SELinux state changed from '" + live + "' to '" + state + "'");
            }
        }
        if (!state.equals(configState)) {
            msgs.add("Config SELinux state changed from '" + py(configState) + "' to '" + state + "'");
        }
        if (policyChanges || !state.equals(configState)) {
            String newPolicy = policyChanges ? policy : null;
            FileContent.edit(ctx, file, false, now -> {
                String withPolicy = newPolicy == null ? now.content() : SelinuxConfig.set(now.content(), "SELINUXTYPE", newPolicy);
                return SelinuxConfig.set(withPolicy, "SELINUX", state);
            });
        }
        if (warning != null) {
            ctx.msg(msgs.isEmpty() ? warning : String.join(", ", msgs) + "; " + warning);
        }
        ctx.set("msg", String.join(", ", msgs));
        ctx.set("configfile", file);
        ctx.set("policy", policy);
        ctx.set("state", state);
        ctx.set("reboot_required", rebootRequired);
    }

    /** A value as Python's %s prints it in Ansible's messages: null is None. */
    private static String py(String value) {
        return value == null ? "None" : value;
    }

    private static void setenforce(ModuleContext ctx, String from, String to) throws Exception {
        String word = to.equals("enforcing") ? "Enforcing" : "Permissive";
        ctx.converge("set SELinux's live mode from " + from + " to " + to + " (setenforce " + word + ")",
                () -> ctx.change(Cmd.of("setenforce", word)));
        ctx.predictState("selinux:mode", to);
    }
}
