package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.Operand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Unpacks a tar or zip archive into a folder on the host (Ansible's unarchive), only when what it holds differs
 * from what the folder has: tar's own --diff for a tar, each entry's bytes compared for a zip.
 */
public final class UnarchiveModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("unarchive",
            "Unpacks a tar (gzip, bzip2, xz, zstd) or zip archive into a folder, as Ansible's unarchive: only when the folder's files differ from the archive's.")
            .param(Param.required("src", ParamType.PATH, "the archive: on the control machine (a tar, sent to tar's standard input), or on the host with remoteSrc"))
            .param(Param.required("dest", ParamType.PATH, "the folder on the host to unpack into; it must exist"))
            .param(Param.optional("remoteSrc", ParamType.BOOL, false, "src is on the host"))
            .param(Param.optional("creates", ParamType.PATH, null, "a path; when it exists on the host, nothing is unpacked"))
            .param(Param.optional("include", ParamType.LIST, null, "only these members (tar: names; zip: names or wildcards)"))
            .param(Param.optional("exclude", ParamType.LIST, null, "not these members (tar and zip patterns)"))
            .param(Param.optional("extraOpts", ParamType.LIST, null, "more options for tar or unzip, each an item ('--strip-components=1')"))
            .param(Param.optional("listFiles", ParamType.BOOL, false, "register the archive's members as files"))
            .primary("src")
            .checkMode("compares the archive with the folder as a real run does (reads only) and predicts the unpacking;"
                    + " a later task of the check run sees the members as files")
            .returns("dest", "string", "success", "the folder", "/opt/prometheus")
            .returns("src", "string", "success", "the archive", "/tmp/prometheus-2.53.0.linux-amd64.tar.gz")
            .returns("handler", "string", "success", "TgzArchive or ZipArchive, as Ansible names them", "TgzArchive")
            .returns("files", "list", "when listFiles", "the archive's members", "['prometheus-2.53.0.linux-amd64/', 'prometheus-2.53.0.linux-amd64/prometheus']")
            .leavesOut("mode", "members keep the modes the archive gives them (tar -p); set others with file")
            .leavesOut("owner", "members belong to the user the task runs as; set another with file")
            .leavesOut("group", "members belong to the user the task runs as; set another with file")
            .leavesOut("keep_newer", "a member differing from its file replaces it")
            .leavesOut("io_buffer_size", "tar and unzip read as they do")
            .leavesOut("validate_certs", "src is a path: download an archive with getUrl first")
            .leavesOut("decrypt", "no vault-encrypted archives")
            .leavesOut("copy", "Ansible's old name of remoteSrc (negated): give remoteSrc")
            .example("unarchive '/tmp/node_exporter-1.8.2.linux-amd64.tar.gz', dest: '/opt', remoteSrc: true,"
                    + " creates: '/opt/node_exporter-1.8.2.linux-amd64/node_exporter'")
            .example("unarchive '/srv/builds/site.tar.gz', dest: '/var/www', extraOpts: ['--strip-components=1']");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String src = ctx.str("src");
        String dest = ctx.str("dest");
        boolean remote = ctx.bool("remoteSrc");
        boolean zip = src.toLowerCase(Locale.ROOT).endsWith(".zip");
        ctx.set("dest", dest);
        ctx.set("src", src);
        ctx.set("handler", zip ? "ZipArchive" : "TgzArchive");
        if (ctx.has("creates") && ctx.stat(ctx.str("creates"), false).exists()) {
            ctx.msg("skipped: " + ctx.str("creates") + " exists");
            return;
        }
        ctx.requireProgram(zip ? "unzip" : "tar", "install it to unpack " + src);
        byte[] local = null;
        if (remote) {
            RemoteFile a = ctx.stat(src, false);
            if (!a.isFile()) {
                ctx.fail("src " + src + " is not a file on the host" + (a.exists() ? " (a " + a.type() + ")" : ""));
            }
        } else if (zip) {
            ctx.fail("src " + src + " is a zip on the control machine; unzip cannot read its standard input:"
                    + " copy it to the host and give remoteSrc: true");
        } else {
            Path p = ctx.localFile(src);
            if (!Files.isRegularFile(p)) {
                ctx.fail("src " + src + " is not a file on the control machine (" + p + ")");
            }
            local = Files.readAllBytes(p);
        }
        RemoteFile d = ctx.stat(dest, false);
        if (!d.type().equals("directory")) {
            ctx.fail("dest " + dest + " must be an existing folder" + (d.exists() ? ", not a " + d.type() : ""));
        }
        String archive = remote ? Operand.of(ctx, "src", src) : "-"; // unzip takes no --
        String zipped = local == null ? null : compression(local);
        ExecResult listed = ctx.probe(zip ? unzipExcluding(Cmd.of("unzip", "-Z1", archive).args(ctx.list("include")), ctx) : tar("-t", archive, zipped, null, ctx), local);
        if (!listed.ok()) {
            ctx.fail("cannot read the archive " + src + ": " + listed.reason());
        }
        List<String> members = listed.stdout().lines().filter(l -> !l.isEmpty()).toList();
        if (ctx.bool("listFiles")) {
            ctx.set("files", members);
        }
        List<String> differing = zip ? zipDifferences(ctx, archive, dest) : tarDifferences(ctx, archive, zipped, dest, local);
        if (differing.isEmpty()) {
            return;
        }
        byte[] stdin = local;
        ctx.converge("unpack " + src + " into " + dest + " (" + differing.size() + " member"
                + (differing.size() == 1 ? "" : "s") + " differ: " + String.join(", ", differing.subList(0, Math.min(5, differing.size())))
                + (differing.size() > 5 ? ", ..." : "") + ")", () -> {
            Cmd unpack = zip ? unzipExcluding(Cmd.of("unzip", "-o", "-q").args(ctx.list("extraOpts")).arg(archive)
                    .args(ctx.list("include")), ctx).arg("-d").arg(dest) : tar("-x", archive, zipped, dest, ctx);
            ExecResult r = ctx.attempt(unpack, stdin);
            if (!r.ok()) {
                ctx.fail("cannot unpack " + src + " into " + dest + ": " + r.reason());
            }
        });
        for (String m : members) {
            String path = dest.replaceAll("/+$", "") + "/" + m.replaceAll("/+$", "");
            ctx.predict(new RemoteFile(path, m.endsWith("/") ? "directory" : "file", null, null, null, null, null));
        }
    }

    /**
     * tar with its action, the archive (- for the standard input, with its compression option), the folder
     * (null: none), excludes, extra options and included members.
     */
    private static Cmd tar(String action, String archive, String compression, String dest, ModuleContext ctx) {
        Cmd c = Cmd.of("env", "LC_ALL=C", "tar", action, "-f", archive); // tar's messages in English, which tarDifferences reads
        if (dest != null) {
            c.arg("-C").arg(dest);
        }
        if (archive.equals("-") && compression != null) {
            c.arg(compression); // tar tells a compression from a file's first bytes, not from a pipe's
        }
        if (action.equals("-x")) {
            c.arg("-p");
        }
        for (Object e : ctx.list("exclude")) {
            c.arg("--exclude=" + e);
        }
        return c.args(ctx.list("extraOpts")).arg("--").args(ctx.list("include"));
    }

    private static String compression(byte[] a) {
        if (a.length > 1 && (a[0] & 0xff) == 0x1f && (a[1] & 0xff) == 0x8b) {
            return "-z";
        }
        if (a.length > 2 && a[0] == 'B' && a[1] == 'Z' && a[2] == 'h') {
            return "-j";
        }
        if (a.length > 5 && (a[0] & 0xff) == 0xfd && a[1] == '7' && a[2] == 'z' && a[3] == 'X' && a[4] == 'Z') {
            return "-J";
        }
        if (a.length > 3 && (a[0] & 0xff) == 0x28 && (a[1] & 0xff) == 0xb5 && (a[2] & 0xff) == 0x2f && (a[3] & 0xff) == 0xfd) {
            return "--zstd";
        }
        return null;
    }

    private static Cmd unzipExcluding(Cmd unzip, ModuleContext ctx) {
        return ctx.list("exclude").isEmpty() ? unzip : unzip.arg("-x").args(ctx.list("exclude"));
    }

    /** What tar's --diff finds, less owner and group (members unpacked by a user other than root are theirs). */
    private static List<String> tarDifferences(ModuleContext ctx, String archive, String compression, String dest, byte[] local) {
        ExecResult r = ctx.probe(tar("-d", archive, compression, dest, ctx).raw("2>&1"), local);
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            if (!line.isBlank() && !line.matches(".*: (Uid|Gid) differs$") && !line.contains("Exiting with failure status")) {
                out.add(line.replaceFirst("^tar: ", ""));
            }
        }
        if (r.rc() > 1) {
            ctx.fail("tar cannot compare " + archive + " with " + dest + ": " + String.join("; ", out));
        }
        return out;
    }

    /** The zip's members whose file is missing or holds other bytes. */
    private static List<String> zipDifferences(ModuleContext ctx, String archive, String dest) {
        String script = "a=\"$1\"; d=\"$2\"; unzip -Z1 \"$a\" | while IFS= read -r e; do case $e in"
                + " */) [ -d \"$d/$e\" ] || printf '%s: missing\\n' \"$e\" ;;"
                + " *) unzip -p \"$a\" \"$e\" | cmp -s - \"$d/$e\" || printf '%s: differs\\n' \"$e\" ;; esac; done";
        return ctx.read(Cmd.of("sh", "-c", script, "unzip", archive, dest)).lines().filter(l -> !l.isEmpty()).toList();
    }
}
