package io.gplay.modules.system;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.util.List;

/**
 * The host's name, running and permanent, by the strategies of Ansible's hostname module (ansible-core 2.14,
 * modules/hostname.py): systemd's hostnamectl where systemd runs, else the file of the distribution
 * (/etc/hostname on Debian, HOSTNAME= in /etc/sysconfig/network on Red Hat) and the hostname command.
 */
public final class HostnameModule implements Module {
    private static final String NETWORK = "/etc/sysconfig/network";

    private static final ModuleSpec SPEC = new ModuleSpec("hostname", "Sets the host's name, running and permanent (hostnamectl, or /etc/hostname and hostname).")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the host name, letters, digits, '-' and '.', at most 64"))
            .param(Param.choice("use", null, List.of("systemd", "debian", "redhat"), "how: hostnamectl (systemd), /etc/hostname"
                    + " (debian), /etc/sysconfig/network (redhat); by default systemd where it is the service manager, else by"
                    + " the OS family"))
            .checkMode("predicts from hostname and the permanent name's file (or hostnamectl); later tasks of the check run see the name it would set")
            .notes("Changed when the running or the permanent name differs; the diff is Ansible's (hostname = NAME). The"
                    + " facts gathered before (hostname, fqdn) are not updated by the task: gather them again with setup.")
            .returns("name", "string", "success", "the name asked", "web01.example.com")
            .leavesOut("use: alpine, openrc, sles, freebsd, openbsd, solaris, macos, darwin, generic",
                    "the strategies of other systems are not built; systemd, debian and redhat are")
            .example("hostname 'web01.example.com'")
            .example("hostname 'el6-node1', use: 'redhat'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,63}")) {
            ctx.fail("name '" + name + "' is no host name: letters, digits, '-' and '.', starting with a letter or digit, at most 64");
        }
        ctx.set("name", name);
        String use = ctx.has("use") ? ctx.str("use") : ctx.fact("serviceMgr").equals("systemd") ? "systemd"
                : ctx.fact("osFamily").equals("RedHat") ? "redhat" : "debian";
        String predicted = ctx.predictedState("hostname");
        String running = predicted != null ? predicted
                : ctx.read(use.equals("systemd") ? Cmd.of("hostnamectl", "--transient") : Cmd.of("hostname")).strip();
        if (!running.equals(name)) {
            Cmd set = use.equals("systemd") ? Cmd.of("hostnamectl", "--transient", "set-hostname", "--", name)
                    : Cmd.of("hostname", "--", name);
            ctx.converge("set the running host name to " + name, new Diff("running hostname", "hostname = " + running
                    + "\n", "hostname = " + name + "\n"), () -> ctx.change(set));
        }
        switch (use) {
            case "systemd" -> {
                String permanent = predicted != null ? predicted : ctx.read(Cmd.of("hostnamectl", "--static")).strip();
                if (!permanent.equals(name)) {
                    ctx.converge("set the permanent host name to " + name, new Diff("permanent hostname", "hostname = "
                            + permanent + "\n", "hostname = " + name + "\n"),
                            () -> ctx.change(Cmd.of("hostnamectl", "--static", "set-hostname", "--", name)));
                }
            }
            case "redhat" -> FileContent.edit(ctx, NETWORK, false, found -> network(found, name));
            default -> {
                RemoteFile found = ctx.stat("/etc/hostname");
                if (!found.isFile() || !found.content().strip().equals(name)) {
                    FileContent.ensure(ctx, "/etc/hostname", name + "\n", false);
                }
            }
        }
        ctx.predictState("hostname", name);
    }

    /** /etc/sysconfig/network with its HOSTNAME= line set, every other line as it is. */
    private static String network(RemoteFile found, String name) {
        String text = found.isFile() ? found.content() : "";
        StringBuilder out = new StringBuilder();
        boolean set = false;
        for (String line : text.split("(?<=\n)")) {
            if (line.strip().startsWith("HOSTNAME=") || line.strip().startsWith("HOSTNAME ")) {
                String value = line.substring(line.indexOf('=') + 1).strip();
                out.append(set || value.equals(name) ? (set ? "" : line) : "HOSTNAME=" + name + "\n");
                set = true;
            } else {
                out.append(line);
            }
        }
        if (!set) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append("HOSTNAME=").append(name).append('\n');
        }
        return out.toString();
    }
}
