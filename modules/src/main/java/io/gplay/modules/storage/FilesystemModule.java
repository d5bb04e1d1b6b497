package io.gplay.modules.storage;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.shell.ShellWords;

import java.util.List;

/** Makes a file system on a device that has none; never overwrites anything unless forced. */
public final class FilesystemModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("filesystem", "Makes an xfs or ext4 file system on a blank device; never overwrites one unless forced.")
            .primary("dev")
            .param(Param.required("dev", ParamType.STRING, "the device (or image file) to format, e.g. /dev/vdb"))
            .param(Param.choice("fstype", "xfs", List.of("xfs", "ext4"), "the file system to have"))
            .param(Param.optional("force", ParamType.BOOL, false, "overwrite whatever the device holds (another file system, a partition table, an LVM label); its data is lost"))
            .param(Param.optional("opts", ParamType.STRING, null, "extra mkfs options, split like a shell line, e.g. '-i size=512'"))
            .checkMode("probes the device with blkid -p and reports the mkfs it would run; a device that does not exist yet "
                    + "(a logical volume an earlier task would create) is reported as to be formatted")
            .notes("The device is read with `blkid -p` (the device itself, not blkid's cache). The same type: ok, nothing runs "
                    + "(opts are not compared). Another file system, a partition table, an LVM or RAID label: the task fails "
                    + "unless force: true, which runs mkfs.xfs -f / mkfs.ext4 -F. "
                    + "Tested with the real mkfs.xfs, mkfs.ext4 and blkid on image files.")
            .leavesOut("resizefs", "a file system is never grown: run xfs_growfs or resize2fs with command")
            .leavesOut("state: absent", "nothing is wiped: run wipefs with command")
            .leavesOut("uuid", "mkfs gives the UUID; pass one with opts")
            .returns("dev", "string", "success", "the device", "/dev/vdb")
            .returns("found", "string", "success", "what blkid -p found on the device before the task, in words; empty when blank or not there yet", "xfs file system")
            .returns("fstype", "string", "success", "the file system the device holds after the task", "xfs")
            .returns("uuid", "string", "when the device holds the file system, not in check mode", "its UUID, as blkid reads it", "2b3c1a8e-5f7d-4c3b-9a61-0d2e8f4b7c10")
            .example("filesystem 'make XFS on the brick disk', dev: '/dev/vdb', fstype: 'xfs'")
            .example("filesystem '/dev/vdc', fstype: 'ext4', opts: '-L scratch'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String dev = ctx.str("dev");
        if (!dev.startsWith("/")) {
            ctx.fail("dev must be an absolute path, e.g. /dev/vdb; got '" + dev + "'");
        }
        List<String> opts = ctx.has("opts") ? ShellWords.split(ctx.str("opts")) : List.of();
        Blkid found = Blkid.probe(ctx, dev);
        ctx.set("dev", dev);
        ctx.set("found", found.exists() && found.signature() != null ? found.signature() : "");
        if (!found.exists()) {
            if (!ctx.checkMode()) {
                ctx.fail(dev + " does not exist");
            }
            // In check mode an earlier task (a new logical volume) may be what creates it.
            ctx.set("fstype", ctx.str("fstype"));
            ctx.converge(mkfs(ctx.str("fstype"), false, opts, dev) + " (" + dev + " does not exist yet)", () -> { });
            return;
        }
        ensure(ctx, dev, ctx.str("fstype"), ctx.bool("force"), opts, found);
    }

    /** Ensures DEV, found as blkid saw it, holds a file system of FSTYPE (also used by ssm/lvm for its volumes). */
    static void ensure(ModuleContext ctx, String dev, String fstype, boolean force, List<String> opts, Blkid found)
            throws Exception {
        ctx.set("fstype", fstype);
        if (fstype.equals(found.type())) {
            ctx.set("uuid", found.tags().get("UUID"));
            ctx.msg(dev + " already holds " + fstype);
            return;
        }
        String held = found.signature();
        if (held != null && !force) {
            ctx.fail(dev + " already holds data (" + held + "); set force: true to overwrite it");
        }
        String mountPoint = held == null ? null : MountTable.mountPointOf(ctx, dev);
        if (mountPoint != null) {
            ctx.fail(dev + " is mounted on " + mountPoint + ": force does not format a device in use");
        }
        Cmd mkfs = mkfs(fstype, held != null, opts, dev);
        ctx.converge(mkfs + (held == null ? "" : " (overwriting " + held + ")"), () -> {
            // Asked only when formatting for real: in check mode an earlier task may be installing the tools.
            ctx.requireProgram("mkfs." + fstype, fstype.equals("xfs") ? "install xfsprogs" : "install e2fsprogs");
            ctx.change(mkfs);
            ctx.set("uuid", Blkid.uuid(ctx, dev));
        });
    }

    private static Cmd mkfs(String fstype, boolean overwrite, List<String> opts, String dev) {
        Cmd cmd = Cmd.of("mkfs." + fstype);
        if (overwrite) {
            cmd.raw(fstype.equals("xfs") ? "-f" : "-F");
        }
        return cmd.args(opts).arg(dev);
    }
}
