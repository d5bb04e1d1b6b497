package io.gplay.modules.system;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A kernel parameter in a sysctl file and, when asked, live: decided as Ansible's sysctl (ansible.posix 1.5,
 * plugins/modules/sysctl.py: process, fix_lines), except that only the key's own line is rewritten, every other
 * line keeping its bytes (Ansible rewrites each line as KEY=VALUE; a file it wrote converges here unchanged).
 */
public final class SysctlModule implements Module {
    private static final List<String> TRUE = List.of("y", "yes", "on", "1", "true", "t");
    private static final List<String> FALSE = List.of("n", "no", "off", "0", "false", "f");

    private static final ModuleSpec SPEC = new ModuleSpec("sysctl", "Sets a kernel parameter in a sysctl file, and live when asked (sysctl -w, sysctl -p).")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the key, as sysctl names it (net.ipv4.ip_forward)"))
            .param(Param.optional("value", ParamType.ANY, null, "its value; true/yes and false/no are 1 and 0, as in Ansible (required for state: present)"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the key should be in the file"))
            .param(Param.optional("sysctlFile", ParamType.PATH, "/etc/sysctl.conf", "the file (a drop-in such as /etc/sysctl.d/60-net.conf is the usual choice)"))
            .param(Param.optional("reload", ParamType.BOOL, true, "when the file changed or the live value differs, load the file (sysctl -p FILE)"))
            .param(Param.optional("sysctlSet", ParamType.BOOL, false, "also set the live value when it differs (sysctl -w)"))
            .param(Param.optional("ignoreerrors", ParamType.BOOL, false, "ignore unknown keys when loading and setting (sysctl -e)"))
            .requiredIf("state", "present", "value")
            .checkMode("predicts the file's edit with its diff and the live change from sysctl -n; later tasks of the check run see the value it would set")
            .notes("Changed means the file changed, or, with reload or sysctlSet, the live value differs, as in Ansible. The live"
                    + " value is compared word by word (a value of several numbers, such as net.ipv4.ip_local_port_range).")
            .example("sysctl 'net.ipv4.ip_forward', value: 1, sysctlFile: '/etc/sysctl.d/60-forward.conf', sysctlSet: true")
            .example("sysctl 'vm.swappiness', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name").strip();
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.:/@+-]*")) {
            ctx.fail("name '" + name + "' is no sysctl key: a key is letters, digits and . _ / - : @ + (net.ipv4.ip_forward), not starting with '-'");
        }
        boolean present = ctx.str("state").equals("present");
        String value = present ? value(ctx.get("value")) : null;
        if (value != null && value.contains("\n")) {
            ctx.fail("value of " + name + " must be one line");
        }
        String path = ctx.str("sysctlFile");
        RemoteFile found = ctx.stat(path);
        String text = found.isFile() ? found.content() : "";
        String predicted = ctx.predictedState("sysctl:" + name);
        String live = predicted != null ? predicted
                : ctx.probe(Cmd.of("sysctl", "-e", "-n", "--", name)).stdout().strip();
        boolean liveDiffers = present && !Arrays.asList(live.split("\\s+")).equals(Arrays.asList(value.split("\\s+")));
        boolean fileChanges = !edit(text, name, value).equals(text);
        String e = ctx.bool("ignoreerrors") ? "-e" : null;
        if (ctx.bool("sysctlSet") && liveDiffers) {
            Cmd set = e == null ? Cmd.of("sysctl", "-w") : Cmd.of("sysctl", e, "-w");
            ctx.converge("set " + name + " to " + value + " (was " + (live.isEmpty() ? "unset" : live) + ")",
                    () -> ctx.change(set.raw("--").arg(name + "=" + value)));
        }
        if (fileChanges) {
            FileContent.edit(ctx, path, false, now -> edit(now.isFile() ? now.content() : "", name, value));
        }
        if (ctx.bool("reload") && (fileChanges || liveDiffers)) {
            Cmd load = e == null ? Cmd.of("sysctl", "-p") : Cmd.of("sysctl", e, "-p");
            ctx.converge("load " + path + " (sysctl -p)" + (fileChanges ? "" : ": " + name + " is " + live + " live"),
                    () -> ctx.change(load.raw("--").arg(path)));
        }
        if (present && (ctx.bool("sysctlSet") || ctx.bool("reload"))) {
            ctx.predictState("sysctl:" + name, value);
        }
    }

    /** Ansible's value: a boolean or its words as 1 or 0, anything else as text, stripped. */
    private static String value(Object v) {
        String s = String.valueOf(v).strip();
        return TRUE.contains(s.toLowerCase()) ? "1" : FALSE.contains(s.toLowerCase()) ? "0" : s;
    }

    /** The file with the key's first line set to KEY=VALUE (or gone), its later lines gone; other lines as they are. */
    static String edit(String text, String name, String value) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : Arrays.asList(text.split("(?<=\n)")));
        boolean seen = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || !l.contains("=")
                    || !l.substring(0, l.indexOf('=')).strip().equals(name)) {
                continue;
            }
            String current = l.substring(l.indexOf('=') + 1).strip();
            if (!seen && value != null) {
                if (!current.equals(value)) {
                    lines.set(i, name + "=" + value + "\n");
                }
            } else {
                lines.remove(i--);
            }
            seen = true;
        }
        if (!seen && value != null) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n");
            }
            lines.add(name + "=" + value + "\n");
        }
        return String.join("", lines);
    }
}
