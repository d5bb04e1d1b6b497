package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What a path is (Ansible's stat): registered as {@code stat}, it changes nothing. */
public final class StatModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("stat",
            "Reads what a path is, as Ansible's stat: register it and ask result.stat.exists, .isdir, .mode, .checksum...")
            .param(Param.required("path", ParamType.PATH, "the path on the host"))
            .param(Param.optional("follow", ParamType.BOOL, false, "describe what a symbolic link points to rather than the link"))
            .param(Param.optional("getChecksum", ParamType.BOOL, true, "give a regular file's checksum"))
            .param(Param.choice("checksumAlgorithm", "sha1", PathFacts.CHECKSUMS, "the checksum's algorithm"))
            .primary("path")
            .checkMode("reads in check mode as in a real run; a path an earlier task of the check run would change is"
                    + " described as that task predicts it (type, mode, owner, group, size, checksum; no numbers or times)")
            .returns("stat", "map", "always", "the path's facts: exists; and when it exists path, mode ('0644'), isdir,"
                    + " isreg, islnk, isblk, ischr, isfifo, issock, uid, gid, pw_name, gr_name, size, mtime, atime, ctime"
                    + " (seconds), inode, dev, nlink, rusr...xoth, isuid, isgid, readable, writeable, executable (for the"
                    + " user the task runs as), checksum (a readable regular file), lnk_target and lnk_source (a link)",
                    "{exists: true, isdir: false, isreg: true, mode: '0644', pw_name: 'root', size: 220, checksum: '6a0c...'}")
            .leavesOut("get_mime", "mimetype and charset would need the file program, which minimal hosts lack")
            .leavesOut("get_attributes", "lsattr's attributes are not read")
            .leavesOut("get_selinux_context", "SELinux contexts are not read")
            .example("stat 'is docker installed', path: '/usr/bin/docker', register: 'docker'")
            .example("stat 'the installer as downloaded', path: '/tmp/composer-setup.php', checksumAlgorithm: 'sha384', register: 'installer'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        String algorithm = ctx.bool("getChecksum") ? ctx.str("checksumAlgorithm") : null;
        if (ctx.predictedPaths().contains(path)) {
            RemoteFile p = ctx.stat(path);
            ctx.set("stat", PathFacts.predicted(p, algorithm));
            return;
        }
        ctx.set("stat", read(ctx, path, ctx.bool("follow"), algorithm));
    }

    /** The facts of a path on the host, in one command. */
    static Map<String, Object> read(ModuleContext ctx, String path, boolean follow, String algorithm) {
        String script = "f=\"$1\"; if [ \"$2\" = 1 ]; then s='stat -L'; else s=stat; fi;"
                + " if [ ! -e \"$f\" ] && [ ! -L \"$f\" ]; then echo absent; exit 0; fi;"
                + " $s --printf '" + PathFacts.FORMAT + "' -- \"$f\" || exit 1;"
                + " if [ -L \"$f\" ]; then readlink -- \"$f\"; readlink -f -- \"$f\"; else echo; echo; fi;"
                + " { [ -r \"$f\" ] && printf r; [ -w \"$f\" ] && printf w; [ -x \"$f\" ] && printf x; echo; } || true;"
                + " if [ -f \"$f\" ] && [ -r \"$f\" ] && { [ \"$2\" = 1 ] || [ ! -L \"$f\" ]; }; then case $3 in"
                + " md5|sha1|sha224|sha256|sha384|sha512) \"$3sum\" < \"$f\" | cut -d' ' -f1 ;; esac; fi";
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", script, "stat", path, follow ? "1" : "0",
                algorithm == null ? "" : algorithm));
        if (!r.ok()) {
            ctx.fail("cannot read " + path + ": " + r.reason());
        }
        List<String> lines = Arrays.asList(r.stdout().split("\n", -1));
        if (lines.get(0).equals("absent")) {
            return Map.of("exists", false);
        }
        Map<String, Object> s = PathFacts.of(path, lines.subList(0, PathFacts.LINES));
        int at = PathFacts.LINES;
        if (!lines.get(at).isEmpty()) {
            s.put("lnk_target", lines.get(at));
            s.put("lnk_source", lines.get(at + 1));
        }
        String access = lines.get(at + 2);
        s.put("readable", access.contains("r"));
        s.put("writeable", access.contains("w"));
        s.put("executable", access.contains("x"));
        if (lines.size() > at + 3 && !lines.get(at + 3).isEmpty()) {
            s.put("checksum", lines.get(at + 3));
        }
        return s;
    }
}
