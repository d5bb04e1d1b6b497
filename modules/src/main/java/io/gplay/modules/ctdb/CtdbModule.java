package io.gplay.modules.ctdb;

import io.gplay.modules.files.FileContent;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CTDB's configuration kept in a shared (clustered) directory, as the procedure does: the files are written
 * once, into the shared volume, and every node links its /etc files to them.
 */
public final class CtdbModule implements Module {
    /** The procedure's tunables, by their legacy names. */
    static final Map<String, Object> PROCEDURE_TUNABLES = tunablesOfProcedure();

    private static final ModuleSpec SPEC = new ModuleSpec("ctdb", "CTDB configuration in a shared directory (nodes, public addresses, lock, tunables) and the links from /etc to it; legacy or modern style.")
            .param(Param.required("sharedDir", ParamType.STRING, "the clustered directory holding the shared files, e.g. /mnt/lock"))
            .param(Param.optional("writeShared", ParamType.BOOL, true, "write the shared files (do it on one host)"))
            .param(Param.optional("link", ParamType.BOOL, true, "link this host's CTDB files to the shared ones"))
            .param(Param.optional("nodes", ParamType.LIST, null, "the CTDB (heartbeat) address of every node, in order; needed with writeShared"))
            .param(Param.optional("publicAddresses", ParamType.LIST, null, "'ADDRESS/PREFIX IFACE' lines, e.g. '10.0.0.200/24 eth0'; needed with writeShared"))
            .param(Param.optional("recoveryLock", ParamType.STRING, null, "the lock file (default: SHAREDDIR/reclock)"))
            .param(Param.optional("tunables", ParamType.MAP, PROCEDURE_TUNABLES, "tunables by name (legacy names; DeterministicIPs becomes IPAllocAlgorithm for ctdb ≥ 4.6)"))
            .param(Param.optional("ipFailback", ParamType.BOOL, true, "false: a node that joins again takes no public address back from a healthy node (NoIPFailback=1, and DeterministicIPs=0, with which ctdb ignores it)"))
            .param(Param.optional("manageSamba", ParamType.BOOL, false, "legacy style: CTDB_MANAGES_SAMBA"))
            .param(Param.choice("style", "auto", List.of("auto", "legacy", "modern"),
                    "legacy: /etc/sysconfig/ctdb with CTDB_* (ctdb < 4.9, CentOS 6); modern: /etc/ctdb/ctdb.conf; auto: from the installed ctdb's version"))
            .requiredIf("writeShared", true, "nodes", "publicAddresses")
            .checkMode("files and links are predicted from their current state, with diffs")
            .notes("Legacy style writes SHAREDDIR/ctdb, nodes and public_addresses and links /etc/sysconfig/ctdb, "
                    + "/etc/ctdb/nodes and /etc/ctdb/public_addresses to them. Modern style writes SHAREDDIR/ctdb.conf, "
                    + "ctdb.tunables, nodes and public_addresses and links the same names in /etc/ctdb. A file found "
                    + "where a link goes is kept as NAME.orig, as the procedure does with /etc/sysconfig/ctdb. "
                    + "ctdb reads its files when it starts: notify a restart.")
            .returns("style", "string", "success", "legacy or modern: the configuration's style, as asked or found from ctdb's version", "legacy")
            .returns("files", "map", "success", "each shared file, by its path, with the /etc path that is (or with link, is made) a link to it", "{/mnt/lock/nodes: /etc/ctdb/nodes, /mnt/lock/public_addresses: /etc/ctdb/public_addresses}")
            .example("ctdb 'CTDB files in the shared volume', sharedDir: '/mnt/lock', link: false, runOnce: true,\n"
                    + "        nodes: ['10.0.0.1', '10.0.0.2'], publicAddresses: ['10.0.0.200/24 eth0']")
            .example("ctdb 'link the CTDB configuration', sharedDir: '/mnt/lock', writeShared: false, notify: 'restart ctdb'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String dir = ctx.str("sharedDir").replaceAll("/+$", "");
        boolean legacy = legacy(ctx);
        Map<String, String> files = new LinkedHashMap<>();   // shared name -> /etc path linked to it
        if (legacy) {
            files.put("ctdb", "/etc/sysconfig/ctdb");
        } else {
            files.put("ctdb.conf", "/etc/ctdb/ctdb.conf");
            files.put("ctdb.tunables", "/etc/ctdb/ctdb.tunables");
        }
        files.put("nodes", "/etc/ctdb/nodes");
        files.put("public_addresses", "/etc/ctdb/public_addresses");
        if (ctx.bool("writeShared")) {
            writeShared(ctx, dir, legacy);
        }
        if (ctx.bool("link")) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                link(ctx, f.getValue(), dir + "/" + f.getKey());
            }
        }
        ctx.set("style", legacy ? "legacy" : "modern");
        Map<String, String> linked = new LinkedHashMap<>();
        files.forEach((name, etc) -> linked.put(dir + "/" + name, etc));
        ctx.set("files", linked);
    }

    private static void writeShared(ModuleContext ctx, String dir, boolean legacy) throws Exception {
        for (Object a : ctx.list("publicAddresses")) {
            String[] words = String.valueOf(a).split("\\s+", -1);
            String[] net = words[0].split("/", -1);
            if (words.length != 2 || net.length != 2 || !isAddress(net[0]) || !net[1].matches("\\d{1,3}")
                    || Integer.parseInt(net[1]) > (net[0].contains(":") ? 128 : 32)
                    || !words[1].matches("[A-Za-z0-9_.:@-]+(,[A-Za-z0-9_.:@-]+)*")) {
                ctx.fail("public address '" + a + "' is not 'ADDRESS/PREFIX IFACE'");
            }
        }
        for (Object n : ctx.list("nodes")) {
            if (!isAddress(String.valueOf(n))) {
                ctx.fail("node '" + n + "' is not an IPv4 or IPv6 address");
            }
        }
        for (Map.Entry<String, Object> t : ctx.map("tunables").entrySet()) {
            if (!t.getKey().matches("[A-Za-z][A-Za-z0-9]*")) {
                ctx.fail("'" + t.getKey() + "' is not a CTDB tunable's name");
            }
            // CTDB's tunables are unsigned 32-bit numbers; anything else could add lines to the file
            if (!String.valueOf(t.getValue()).matches("\\d{1,10}")) {
                ctx.fail("tunables: " + t.getKey() + " must be a whole number, got '" + t.getValue() + "'");
            }
        }
        if (ctx.has("recoveryLock") && !ctx.str("recoveryLock").matches("\\S([^\\p{Cntrl}]*\\S)?")) {
            // ctdb.conf takes the value to the end of its line, trimmed
            ctx.fail("recoveryLock must be one line, without control characters or spaces at either end, got '"
                    + ctx.str("recoveryLock") + "'");
        }
        RemoteFile d = ctx.stat(dir, false);
        if (!d.type().equals("directory")) {
            ctx.fail(dir + " is not a directory (mount the shared volume first)");
        }
        String lock = ctx.has("recoveryLock") ? ctx.str("recoveryLock") : dir + "/reclock";
        Map<String, Object> tunables = new LinkedHashMap<>(ctx.map("tunables"));
        if (!ctx.bool("ipFailback")) {
            // ctdb ignores NoIPFailback with deterministic addresses, which go home by design (it logs
            // "'NoIPFailback' set but ignored - incompatible with 'Deterministic IPs'")
            tunables.put("DeterministicIPs", 0);
            tunables.put("NoIPFailback", 1);
        }
        if (legacy) {
            FileContent.ensure(ctx, dir + "/ctdb", CtdbConfig.legacy(dir, lock, ctx.bool("manageSamba"), tunables), false);
        } else {
            FileContent.ensure(ctx, dir + "/ctdb.conf", CtdbConfig.conf(lock, version(ctx)), false);
            FileContent.ensure(ctx, dir + "/ctdb.tunables", CtdbConfig.tunables(tunables), false);
        }
        FileContent.ensure(ctx, dir + "/nodes", CtdbConfig.lines(ctx.list("nodes")), false);
        FileContent.ensure(ctx, dir + "/public_addresses", CtdbConfig.lines(ctx.list("publicAddresses")), false);
    }

    /** An IPv4 address in dotted quads, or an IPv6 address in hex groups; nothing else (no names, no spaces). */
    static boolean isAddress(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return java.util.Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        }
        return s.matches("[0-9a-fA-F:]+") && s.contains("::") || s.matches("([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}");
    }

    /** PATH becomes a link to TARGET; a file found there is kept as PATH.orig. */
    private static void link(ModuleContext ctx, String path, String target) throws Exception {
        RemoteFile cur = ctx.stat(path, true);
        if (cur.type().equals("link") && target.equals(cur.linkTarget())) {
            return;
        }
        if (cur.type().equals("directory")) {
            ctx.fail(path + " is a directory; CTDB expects a file there");
        }
        String was = switch (cur.type()) {
            case "absent" -> "";
            case "link" -> "-> " + cur.linkTarget() + "\n";
            default -> cur.content() == null ? "(a " + cur.type() + ")\n" : cur.content();
        };
        String keep = path + ".orig";
        boolean keepOriginal = cur.isFile() && !ctx.stat(keep, false).exists();
        ctx.converge("link " + path + " -> " + target + (keepOriginal ? " (the file kept as " + keep + ")" : ""),
                new Diff(path, was, "-> " + target + "\n"), () -> {
                    Cmd mkdir = Cmd.of("mkdir", "-p", "--", parent(path));
                    Cmd ln = Cmd.of("ln", "-sfn", "--", target, path);
                    ctx.change(keepOriginal ? mkdir.and(Cmd.of("mv", "--", path, keep)).and(ln)
                            : mkdir.and(Cmd.of("rm", "-f", "--", path)).and(ln));
                });
        ctx.predict(new RemoteFile(path, "link", "root", "root", "777", target, null));
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    private static boolean legacy(ModuleContext ctx) {
        String style = ctx.str("style");
        if (!style.equals("auto")) {
            return style.equals("legacy");
        }
        int[] v = version(ctx);
        return v[0] < 4 || v[0] == 4 && v[1] < 9;
    }

    /**
     * The installed ctdb's version: {@code ctdb version} (ctdb 4 answers alone), else its package's. ctdb 1.0.114
     * (CentOS 6) answers only with ctdbd running, and its ctdbd has no --version (ctdb.git 1.0.114.7,
     * tools/ctdb.c:4401, :4605-4616; server/ctdbd.c:157-163), while the files are written before ctdb starts.
     */
    private static int[] version(ModuleContext ctx) {
        ctx.requireProgram("ctdb", "install ctdb");
        int[] v = null;
        for (Cmd c : List.of(Cmd.of("ctdb", "version"), Cmd.of("rpm", "-q", "--qf", "%{VERSION}\\n", "ctdb"),
                Cmd.of("dpkg-query", "-W", "-f", "${Version}\\n", "ctdb"))) {
            ExecResult r = ctx.probe(c);
            v = r.ok() ? CtdbConfig.version(r.stdout()) : null;
            if (v != null) {
                break;
            }
        }
        if (v == null) {
            ctx.fail("cannot tell the installed ctdb's version (ctdb version, rpm -q ctdb, dpkg-query -W ctdb); set style: legacy or modern");
        }
        return v;
    }

    private static Map<String, Object> tunablesOfProcedure() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("DeterministicIPs", 1);
        t.put("RecoveryBanPeriod", 120);
        t.put("KeepaliveInterval", 5);
        t.put("KeepaliveLimit", 5);
        t.put("MonitorInterval", 15);
        return java.util.Collections.unmodifiableMap(t);
    }
}
