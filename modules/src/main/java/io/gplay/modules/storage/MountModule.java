package io.gplay.modules.storage;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** Mounts or unmounts a file system now (the lasting entry is the fstab module's job). */
public final class MountModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("mount", "Mounts or unmounts a file system now; for the lasting /etc/fstab entry use fstab.")
            .primary("path")
            .param(Param.required("path", ParamType.PATH, "the mount point"))
            .param(Param.optional("src", ParamType.STRING, null, "what to mount, e.g. localhost:/meta or UUID=...; needed for mounted"))
            .param(Param.optional("fstype", ParamType.STRING, null, "file system type, e.g. glusterfs, xfs"))
            .param(Param.optional("opts", ParamType.STRING, null, "mount options"))
            .param(Param.choice("state", "mounted", List.of("mounted", "unmounted"), "mounted creates the mount point if missing"))
            .notes("What is mounted is read from /proc/self/mountinfo. Another file system mounted on the path (another "
                    + "source, or another type; a FUSE mount's fuse.TYPE counts as TYPE) fails the task: it is the "
                    + "operator's to unmount. A source given as UUID= or LABEL= is not compared.")
            .leavesOut("state: present, absent, remounted", "the lasting entry is fstab's; mounted and unmounted are now")
            .leavesOut("fstab", "the fstab module edits any table (file:)")
            .leavesOut("dump", "an fstab field: see the fstab module")
            .leavesOut("passno", "an fstab field: see the fstab module")
            .leavesOut("backup", "no file is written")
            .leavesOut("boot", "an fstab option: see the fstab module")
            .returns("path", "string", "success", "the mount point", "/mnt/lock")
            .returns("state", "string", "success", "mounted or unmounted: what the path is after the task", "mounted")
            .returns("src", "string", "when mounted", "what is mounted there: as found in /proc/self/mountinfo, or the src mounted", "localhost:/meta")
            .returns("fstype", "string", "when mounted and the type is known", "its type, as found (a FUSE mount's fuse.TYPE) or given", "fuse.glusterfs")
            .returns("opts", "string", "when opts is given", "the mount options given", "defaults,_netdev")
            .example("mount '/mnt/lock', src: 'localhost:/meta', fstype: 'glusterfs'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        MountTable.Mounted mounted = MountTable.mountedOn(ctx, path);
        ctx.set("path", path);
        ctx.set("state", ctx.str("state"));
        if (ctx.has("opts")) {
            ctx.set("opts", ctx.str("opts"));
        }
        if (ctx.str("state").equals("unmounted")) {
            if (mounted != null) {
                ctx.converge("unmount " + path, () -> ctx.change(Cmd.of("umount", "--", path)));
            }
            return;
        }
        if (mounted != null) {
            // something else mounted there is not this mount; it is the operator's to take away, not ours
            boolean sameSource = !ctx.has("src") || ctx.str("src").startsWith("UUID=") || ctx.str("src").startsWith("LABEL=")
                    || MountTable.normalize(ctx.str("src")).equals(MountTable.normalize(mounted.source()));
            if (!sameSource || !mounted.isType(ctx.str("fstype"))) {
                ctx.fail(path + " has " + mounted.source() + " (" + mounted.fstype() + ") mounted on it, not "
                        + ctx.str("src") + (ctx.has("fstype") ? " (" + ctx.str("fstype") + ")" : "")
                        + ": unmount it first");
            }
            ctx.set("src", mounted.source());
            ctx.set("fstype", mounted.fstype());
            return;
        }
        if (!ctx.has("src")) {
            ctx.fail("state: mounted needs src");
        }
        ctx.set("src", ctx.str("src"));
        if (ctx.has("fstype")) {
            ctx.set("fstype", ctx.str("fstype"));
        }
        boolean newDir = !ctx.stat(path, false).exists();
        ctx.converge("mount " + ctx.str("src") + " on " + path, () -> mount(ctx, ctx.str("src"), path,
                ctx.str("fstype"), ctx.str("opts")));
        if (newDir) {
            // later tasks of a check run see the mount point the mount would create
            ctx.predict(new RemoteFile(path, "directory", "root", "root", "755", null, null));
        }
    }

    static void mount(ModuleContext ctx, String src, String path, String fstype, String opts) {
        Cmd m = Cmd.of("mount");
        if (fstype != null) {
            m.raw("-t").arg(fstype);
        }
        if (opts != null) {
            m.raw("-o").arg(opts);
        }
        m.raw("--").arg(src).arg(path);
        ctx.change(Cmd.of("mkdir", "-p", "--", path).and(m));
    }
}
