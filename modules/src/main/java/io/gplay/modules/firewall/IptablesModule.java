package io.gplay.modules.firewall;

import io.gplay.modules.files.Attributes;
import io.gplay.modules.files.FileContent;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.HostText;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Owns the whole IPv4 rules file: validated with iptables-restore --test before it is written, never applied. */
public final class IptablesModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("iptables", "Writes the whole IPv4 firewall rules file (iptables-save format), validated with iptables-restore --test first; applying it is iptablesApply's job.")
            .param(Param.optional("content", ParamType.STRING, null,
                    "the whole file as iptables-save text: *table, :CHAIN POLICY [0:0] lines, -A rules, COMMIT"))
            .param(Param.optional("rules", ParamType.LIST, null,
                    "instead of content: the filter table's rules in order, each a map with chain (default INPUT), "
                            + "source, destination, iface (-i), outIface (-o), proto, state (one or a list), "
                            + "dport/sport (port, 'from:to', or a list: multiport), match (raw, e.g. "
                            + "'-m physdev ! --physdev-is-bridged'), comment and jump (required; may carry target "
                            + "options, e.g. 'REJECT --reject-with icmp-host-prohibited'), or a raw '-A CHAIN ...' line"))
            .param(Param.optional("policies", ParamType.MAP, null,
                    "with rules: policies of the built-in chains, e.g. [INPUT: 'DROP']; ACCEPT when not given"))
            .param(Param.optional("path", ParamType.STRING, null,
                    "the rules file; default " + IptablesRules.REDHAT_PATH + " on RedHat hosts (what service iptables "
                            + "loads), /etc/iptables/rules.v4 elsewhere (iptables-persistent)"))
            .param(Param.optional("backup", ParamType.BOOL, true,
                    "keep a timestamped copy (PATH.YYYYmmdd-HHMMSS~) of the file before changing it"))
            .param(Param.optional("validate", ParamType.BOOL, true,
                    "check the new text with iptables-restore --test before writing (in check mode too)"))
            .param(Param.optional("mode", ParamType.MODE, "0600", "mode of the file (0600, as RHEL ships it)"))
            .oneOf("content", "rules")
            .exclusive("content", "rules")
            .checkMode("validates the new rules with iptables-restore --test (read-only) and shows the diff; writes nothing")
            .notes("The file is written atomically and only when its text differs. The live firewall is not touched: "
                    + "notify an iptablesApply handler, which applies the file and rolls it back if new SSH connections "
                    + "fail. iptables-restore --test catches syntax errors, unknown options and matches; with the "
                    + "nf_tables backend a jump to a chain that does not exist only fails when applied.")
            .leavesOut("table, chain, rule_num, jump and the rest", "Ansible's iptables changes one live rule; this module owns the whole file, given as content or rules")
            .returns("path", "string", "success", "the rules file", "/etc/sysconfig/iptables")
            .returns("tables", "list", "success", "the tables the file holds, in order", "[filter]")
            .returns("backup_file", "string", "when a backup was made", "the copy of the file as it was before the change", "/etc/sysconfig/iptables.20261207-100207~")
            .example("iptables 'the oVirt/Gluster/CTDB rule set', content: '*filter\\n:INPUT ACCEPT [0:0]\\n-A INPUT -p tcp --dport 24007 -j ACCEPT\\nCOMMIT\\n', notify: 'restart the firewall'")
            .example("""
                    iptables 'firewall', policies: [INPUT: 'DROP'], rules: [
                        [state: 'ESTABLISHED,RELATED', jump: 'ACCEPT'],
                        [iface: 'lo', jump: 'ACCEPT'],
                        [proto: 'tcp', dport: 22, jump: 'ACCEPT', comment: 'SSH'],
                        [proto: 'tcp', dport: [5900, '49152:49216'], jump: 'ACCEPT', comment: 'consoles and migration'],
                        '-A FORWARD -m physdev ! --physdev-is-bridged -j REJECT --reject-with icmp-host-prohibited'],
                        notify: 'restart the firewall'""");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String text = ctx.has("content") ? ctx.str("content") : IptablesRules.render(ctx.list("rules"), ctx.map("policies"));
        if (!text.endsWith("\n")) {
            text += "\n";
        }
        String path = IptablesRules.path(ctx);
        ctx.set("path", path);
        ctx.set("tables", List.copyOf(IptablesRules.tables(text).keySet()));
        if (ctx.bool("validate")) {
            validate(ctx, text, path);
        }
        ensureDirectory(ctx, path.substring(0, Math.max(1, path.lastIndexOf('/'))));
        RemoteFile before = FileContent.ensure(ctx, path, text, ctx.bool("backup"));
        if (before.exists()) {
            Attributes.ensure(ctx, before, path);
        }
    }

    /** Debian has no /etc/iptables until iptables-persistent is installed. */
    private static void ensureDirectory(ModuleContext ctx, String dir) throws Exception {
        if (!ctx.stat(dir, false).exists()) {
            ctx.converge("create directory " + dir, () -> ctx.change(Cmd.of("mkdir", "-p", "-m", "755", dir)));
            ctx.predict(new RemoteFile(dir, "directory", "root", "root", "755", null, null));
        }
    }

    /** iptables-restore --test parses and checks the rules without committing them: read-only, so check mode runs it too. */
    private static void validate(ModuleContext ctx, String text, String path) {
        ctx.requireProgram("iptables-restore", "install iptables");
        ExecResult r = ctx.probe(Cmd.of("iptables-restore", "--test"), HostText.encode(text));
        if (!r.ok()) {
            String why = Arrays.stream((r.stderr() + "\n" + r.stdout()).split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("Try `"))
                    .collect(Collectors.joining("; "));
            ctx.fail("iptables-restore --test rejects the rules for " + path + " (nothing written): " + why);
        }
    }
}
