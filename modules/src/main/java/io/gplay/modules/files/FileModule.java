package io.gplay.modules.files;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** Directories, empty files, symbolic links, absence, and the mode and ownership of a path. */
public final class FileModule implements Module {
    private static final ModuleSpec SPEC = PathReturns.declare(new ModuleSpec("file", "Manages a path: directory, file, link, absent, touch; mode and ownership.")
            .primary("path")
            .param(Param.required("path", ParamType.PATH, "the path on the host"))
            .param(Param.choice("state", "file", List.of("file", "directory", "link", "absent", "touch"),
                    "file: must exist, only attributes change; directory: created with parents; link: a symbolic link "
                            + "to src; absent: removed (recursively); touch: created empty if missing"))
            .param(Param.optional("src", ParamType.STRING, null, "the link target, for state: link"))
            .param(Param.optional("force", ParamType.BOOL, false, "for state: link, replace a file or empty directory that stands at path, or link to a target"
                    + " that is not there (a relative one is looked for from the link's folder; without force, a missing target fails the task, as in Ansible)"))
            .params(Attributes.PARAMS)
            .requiredIf("state", "link", "src")
            .returns("path", "string", "success", "the path", "/gluster/meta0")
            .leavesOut("recurse", "mode and ownership are set on the path itself: run command 'chown -R' for a tree")
            .leavesOut("state: hard", "no hard links: run command 'ln'")
            .leavesOut("follow", "a link's own owner and group are set (chown -h), its target is left alone")
            .leavesOut("access_time", "times are left as they are")
            .leavesOut("modification_time", "times are left as they are")
            .leavesOut("access_time_format", "times are left as they are")
            .leavesOut("modification_time_format", "times are left as they are")
            .leavesOut("attributes", "no chattr attributes: run command 'chattr' where needed")
            .leavesOut("seuser", "no SELinux context: run command 'chcon' where needed")
            .leavesOut("serole", "no SELinux context")
            .leavesOut("setype", "no SELinux context")
            .leavesOut("selevel", "no SELinux context")
            .leavesOut("unsafe_writes", "nothing is written")
            .example("file '/gluster/meta0', state: 'directory', mode: '0755'")
            .example("file '/etc/ctdb/nodes', state: 'link', src: '/mnt/lock/nodes', force: true"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        RemoteFile cur = ctx.stat(path, false);
        boolean made = ensure(ctx, path, cur);
        ctx.set("path", path);
        PathReturns.register(ctx, path, cur, made);
    }

    /** Brings the path to its state; true when it made, replaced or removed the path itself. */
    private static boolean ensure(ModuleContext ctx, String path, RemoteFile cur) throws Exception {
        boolean made = false;
        switch (ctx.str("state")) {
            case "absent" -> {
                if (cur.exists()) {
                    ctx.converge("remove " + path + " (" + cur.type() + ")", () -> ctx.change(Cmd.of("rm", "-rf", "--", path)));
                    ctx.predict(RemoteFile.absent(path));
                }
                return cur.exists();
            }
            case "directory" -> {
                if (cur.exists() && !cur.type().equals("directory")) {
                    ctx.fail(path + " exists and is a " + cur.type() + ", not a directory");
                }
                if (!cur.exists()) {
                    ctx.converge("create directory " + path, () -> ctx.change(Cmd.of("mkdir", "-p", "--", path)));
                    ctx.predict(new RemoteFile(path, "directory", null, null, "755", null, null));
                    made = true;
                }
            }
            case "touch" -> {
                if (!cur.exists()) {
                    ctx.converge("create empty file " + path, () -> ctx.change(Cmd.of("touch", "--", path)));
                    ctx.predict(new RemoteFile(path, "file", null, null, "644", null, ""));
                    made = true;
                }
            }
            case "link" -> {
                String src = ctx.str("src");
                if (!ctx.bool("force") && !targetExists(ctx, path, cur, src)) {
                    ctx.fail("src file does not exist, use \"force: true\" if you really want to create the link: "
                            + absolute(path, cur, src));
                }
                if (cur.type().equals("link") && src.equals(cur.linkTarget())) {
                    break;
                }
                if (cur.exists() && !cur.type().equals("link") && !ctx.bool("force")) {
                    ctx.fail(path + " exists and is a " + cur.type() + "; set force: true to replace it with a link");
                }
                // force replaces a file or an empty directory, never what a directory holds (as in Ansible)
                if (cur.type().equals("directory")
                        && !ctx.probe(Cmd.of("ls", "-A", "--", path).raw("| head -n 1")).stdout().isBlank()) {
                    ctx.fail(path + " is a directory that is not empty: refusing to replace it with a link");
                }
                String was = cur.type().equals("link") ? " (was -> " + cur.linkTarget() + ")"
                        : cur.exists() ? " (replacing a " + cur.type() + ")" : "";
                ctx.converge("link " + path + " -> " + src + was, () -> ctx.change(cur.type().equals("directory")
                        ? Cmd.of("rmdir", "--", path).and(Cmd.of("ln", "-s", "--", src, path))
                        : Cmd.of("ln", "-sfn", "--", src, path)));
                ctx.predict(new RemoteFile(path, "link", null, null, "777", src, null));
                return true;
            }
            default -> {
                if (!cur.exists()) {
                    ctx.fail(path + " does not exist (use state: touch or directory to create it)");
                }
            }
        }
        // Compared with the path as it was found, in a real run as in check mode, so both report the same.
        Attributes.ensure(ctx, cur, path);
        return made;
    }

    /**
     * The link's target as Ansible looks for it before making the link: a relative one from the link's folder
     * (from the path itself when that is a directory), ansible c9ac477 lib/ansible/modules/file.py:695-711.
     */
    private static String absolute(String path, RemoteFile cur, String src) {
        if (src.startsWith("/")) {
            return src;
        }
        String folder = cur.type().equals("directory") ? path : path.substring(0, Math.max(path.lastIndexOf('/'), 1));
        return (folder.endsWith("/") ? folder : folder + "/") + src;
    }

    /** Whether the target is there (a link's, followed), or in a check run an earlier task would make it. */
    private static boolean targetExists(ModuleContext ctx, String path, RemoteFile cur, String src) {
        String target = absolute(path, cur, src);
        if (ctx.predictedPaths().contains(target)) {
            return ctx.stat(target, false).exists();
        }
        return ctx.probe(Cmd.of("test", "-e", target)).ok();
    }
}
