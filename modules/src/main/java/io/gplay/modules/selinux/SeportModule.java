package io.gplay.modules.selinux;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;

/**
 * SELinux port types through the host's semanage, decided as community.general's seport (main at a43006c,
 * plugins/modules/seport.py: semanage_port_add, semanage_port_del): a port a record of the type already covers
 * is left alone; another is added (-a), or modified (-m) when a record of exactly that port or range belongs to
 * another type; absent deletes only a record of the type with exactly that port or range.
 */
public final class SeportModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("seport", "Manages SELinux network port type definitions (semanage port).")
            .primary("ports")
            .param(Param.required("ports", ParamType.LIST, "ports or ranges: 8080, '8080-8090', or several ('8080,8443' or a list)"))
            .param(new Param("proto", ParamType.STRING, true, null, List.of("tcp", "udp", "dccp", "sctp"),
                    "the protocol (CentOS 7's semanage knows tcp and udp only)"))
            .param(Param.required("setype", ParamType.STRING, "the SELinux type of the ports (http_port_t)"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the ports should have the type"))
            .param(Param.optional("reload", ParamType.BOOL, true, "reload the policy after the change (false: semanage -N)"))
            .param(Param.optional("ignoreSelinuxState", ParamType.BOOL, false, "run even when selinuxenabled says SELinux is off (a chroot)"))
            .param(Param.optional("local", ParamType.BOOL, false, "compare with the local customizations only (semanage port -l -C), not the policy's own records"))
            .checkMode("reads semanage port -l and predicts each add, modify and delete; later tasks of the check run see the ports' predicted types")
            .notes("A port already covered by a range of the type is left alone, as in Ansible; absent deletes a record of exactly"
                    + " that port or range, and semanage refuses to delete one of the policy's own.")
            .returns("ports", "list", "success", "the ports and ranges, as given", "[8080, 8443-8444]")
            .returns("proto", "string", "success", "the protocol", "tcp")
            .returns("setype", "string", "success", "the SELinux type", "http_port_t")
            .returns("state", "string", "success", "present or absent", "present")
            .example("seport ports: ['8080', '8443-8444'], proto: 'tcp', setype: 'http_port_t'")
            .example("seport '10050', proto: 'tcp', setype: 'zabbix_agent_port_t', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        List<String> ports = ports(ctx);
        String proto = ctx.str("proto");
        String setype = ctx.str("setype");
        if (!setype.matches("[A-Za-z0-9_]+")) {
            ctx.fail("setype '" + setype + "' is no SELinux type: a type is letters, digits and _ (http_port_t)");
        }
        if (!ctx.bool("ignoreSelinuxState") && !ctx.probe(Cmd.of("selinuxenabled")).ok()) {
            ctx.fail("SELinux is disabled on this host.");
        }
        PortRecords all = records(ctx, ports, proto, false);
        PortRecords compared = ctx.bool("local") ? records(ctx, ports, proto, true) : all;
        List<PortRecords.Key> ofType = compared.ofType(setype, proto);
        boolean present = ctx.str("state").equals("present");
        for (String port : ports) {
            PortRecords.Key key = PortRecords.Key.of(proto, port);
            if (present && ofType.stream().noneMatch(k -> k.covers(key))) {
                String was = all.typeOf(key);
                String action = was == null ? "-a" : "-m";
                ctx.converge(was == null ? "add " + proto + "/" + port + " as " + setype
                                : "modify " + proto + "/" + port + " from " + was + " to " + setype,
                        () -> ctx.change(semanage(ctx).raw(action).raw("-t").arg(setype).raw("-p").arg(proto).arg(port)));
                ctx.predictState(stateKey(key), setype);
            } else if (!present && ofType.stream().anyMatch(k -> k.port().equals(port))) {
                ctx.converge("delete " + proto + "/" + port + " (" + setype + ")",
                        () -> ctx.change(semanage(ctx).raw("-d").raw("-p").arg(proto).arg(port)));
                ctx.predictState(stateKey(key), "");
            }
        }
        ctx.set("ports", ports);
        ctx.set("proto", proto);
        ctx.set("setype", setype);
        ctx.set("state", ctx.str("state"));
    }

    /** The ports, a string of several split at commas as Ansible's list type splits it, each a port or a range. */
    private static List<String> ports(ModuleContext ctx) {
        List<String> ports = new ArrayList<>();
        for (Object o : ctx.list("ports")) {
            for (String p : String.valueOf(o).split(",")) {
                String port = p.strip();
                if (!port.matches("\\d{1,5}(-\\d{1,5})?")) {
                    ctx.fail("ports: '" + port + "' is no port or range: give a number (8080) or LOW-HIGH (8080-8090)");
                }
                ports.add(port);
            }
        }
        return ports;
    }

    /** The records semanage lists (only the local customizations with -C), with a check run's predictions on them. */
    private static PortRecords records(ModuleContext ctx, List<String> ports, String proto, boolean local) {
        Cmd list = local ? Cmd.of("semanage", "port", "-l", "-C") : Cmd.of("semanage", "port", "-l");
        PortRecords records = PortRecords.parse(ctx.read(list));
        for (String port : ports) {
            PortRecords.Key key = PortRecords.Key.of(proto, port);
            String predicted = ctx.predictedState(stateKey(key));
            if (predicted != null) {
                records.set(key, predicted);
            }
        }
        return records;
    }

    /** A new semanage port command line; -N when the policy is not to be reloaded. */
    private static Cmd semanage(ModuleContext ctx) {
        return ctx.bool("reload") ? Cmd.of("semanage", "port") : Cmd.of("semanage", "port", "-N");
    }

    private static String stateKey(PortRecords.Key key) {
        return "seport:" + key.proto() + "/" + key.port();
    }
}
