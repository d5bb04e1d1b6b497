package io.gplay.modules.ctdb;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CTDB cluster's state (ctdb status, ctdb ip) as data, for reports and for until: waits. */
public final class CtdbStatusModule implements Module {
    private static final List<String> FLAGS = List.of("Disconnected", "Banned", "Disabled", "Unhealthy", "Stopped",
            "Inactive", "PartiallyOnline");

    private static final ModuleSpec SPEC = new ModuleSpec("ctdbStatus", "Reads CTDB's node states and who holds each public address; changes nothing.")
            .param(Param.optional("ip", ParamType.STRING, null, "the public address whose holder is reported as holder (default: the first one)"))
            .checkMode("runs in check mode too: it only reads")
            .returns("running", "bool", "success", "ctdbd answers on this host", "true")
            .returns("healthy", "bool", "success", "every node is connected and OK (false when ctdbd is not running)", "true")
            .returns("nodes", "list", "success", "each node: pnn, address, ok, and the flags set (Disconnected, Banned, Disabled, Unhealthy, Stopped, Inactive, PartiallyOnline)",
                    "[{pnn: 0, address: 10.0.0.1, ok: true, flags: []}, {pnn: 1, address: 10.0.0.2, ok: false, flags: [Disconnected]}]")
            .returns("thisNode", "string", "success", "this host's node address; null when ctdbd is not running", "10.0.0.1")
            .returns("ips", "map", "success", "each public address with the address of the node holding it, null when unassigned", "{10.0.0.200: 10.0.0.2}")
            .returns("ip", "string", "success", "the public address reported on: ip, or the first one; null when there is none", "10.0.0.200")
            .returns("holder", "string", "success", "the address of the node holding ip; null when none does", "10.0.0.2")
            .returns("holderPnn", "int", "success", "that node's pnn; null when none holds ip", "1")
            .notes("When ctdbd is not running on the host, running and healthy are false and the task "
                    + "is still ok, so it can be polled with until:. Uses ctdb's machine-readable output (-X, or -Y on "
                    + "ctdb before 4).")
            .example("ctdbStatus 'wait for a healthy cluster', until: { result.healthy && result.holder }, retries: 30, delay: 2")
            .example("ctdbStatus 'who holds the virtual IP', register: 'ctdb'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        ctx.requireProgram("ctdb", "install ctdb");
        String flag = "-X";
        ExecResult status = ctx.probe(Cmd.of("ctdb", flag, "status"));
        if (status.stderr().contains("unknown option")) {
            // ctdb before 4 has only -Y
            flag = "-Y";
            status = ctx.probe(Cmd.of("ctdb", flag, "status"));
        }
        List<Map<String, String>> rows = status.ok() ? table(status.stdout()) : List.of();
        boolean running = !rows.isEmpty();
        List<Map<String, Object>> nodes = new ArrayList<>();
        Map<String, String> byPnn = new LinkedHashMap<>();
        String thisNode = null;
        boolean healthy = running;
        for (Map<String, String> row : rows) {
            List<String> set = FLAGS.stream().filter(f -> "1".equals(row.get(f))).toList();
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("pnn", Integer.parseInt(row.get("Node")));
            node.put("address", row.get("IP"));
            node.put("ok", set.isEmpty());
            node.put("flags", set);
            nodes.add(node);
            byPnn.put(row.get("Node"), row.get("IP"));
            healthy &= set.isEmpty();
            if ("Y".equals(row.get("ThisNode"))) {
                thisNode = row.get("IP");
            }
        }
        Map<String, String> ips = new LinkedHashMap<>();
        Map<String, String> pnnOf = new LinkedHashMap<>();
        if (running) {
            ExecResult ip = ctx.probe(Cmd.of("ctdb", flag, "ip"));
            for (Map<String, String> row : ip.ok() ? table(ip.stdout()) : List.<Map<String, String>>of()) {
                ips.put(row.get("Public IP"), byPnn.get(row.get("Node")));
                pnnOf.put(row.get("Public IP"), row.get("Node"));
            }
        }
        String wanted = ctx.has("ip") ? ctx.str("ip").replaceAll("/.*", "") : ips.keySet().stream().findFirst().orElse(null);
        String holder = wanted == null ? null : ips.get(wanted);
        ctx.set("running", running);
        ctx.set("healthy", healthy);
        ctx.set("nodes", nodes);
        ctx.set("thisNode", thisNode);
        ctx.set("ips", ips);
        ctx.set("ip", wanted);
        ctx.set("holder", holder);
        ctx.set("holderPnn", holder == null ? null : Integer.valueOf(pnnOf.get(wanted)));
        ctx.msg(!running ? "ctdb is not running here" : (healthy ? "healthy" : "not healthy") + ", "
                + (wanted == null ? "no public address" : wanted + " on " + (holder == null ? "no node" : holder)));
    }

    /**
     * ctdb's machine-readable tables: a header row, then data rows, fields between separators
     * ({@code |Node|IP|...|} with -X, {@code :Node:IP:...:} with -Y).
     */
    static List<Map<String, String>> table(String text) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : text.split("\n")) {
            if (line.length() < 2) {
                continue;
            }
            String sep = java.util.regex.Pattern.quote(line.substring(0, 1));
            String[] f = line.substring(1).split(sep, -1);
            List<String> fields = List.of(f).subList(0, f.length - (line.endsWith(line.substring(0, 1)) ? 1 : 0));
            if (header == null) {
                header = fields;
            } else if (!fields.equals(header)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < fields.size(); i++) {
                    row.put(header.get(i), fields.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
