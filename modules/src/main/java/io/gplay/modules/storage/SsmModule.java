package io.gplay.modules.storage;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;
import java.util.regex.Pattern;

/**
 * LVM storage as system-storage-manager sees it: devices join a pool (a volume group), volumes are made in a
 * pool with a file system on them. Uses ssm when the host has it, else the LVM2 tools; the state is read with
 * pvs/vgs/lvs either way. Also registered as {@code lvm} ({@link LvmModule}).
 */
public class SsmModule implements Module {
    // LVM's own rule for VG and LV names.
    private static final Pattern LVM_NAME = Pattern.compile("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*");
    // A unit is required: lvcreate -L reads a bare number as MiB, ssm -s as KiB.
    private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?[KMGTkmgt]");

    private final ModuleSpec spec;

    public SsmModule() {
        this("ssm");
    }

    protected SsmModule(String name) {
        this.spec = new ModuleSpec(name, "Adds a disk to an LVM pool and creates a volume with a file system on it, "
                + "as system-storage-manager does (with ssm when installed, else the LVM2 tools); lists the storage.")
                .param(Param.choice("action", "list", List.of("add", "create", "list"),
                        "add: put device in pool; create: make volume name in pool; list: report devices, pools and volumes"))
                .param(Param.optional("pool", ParamType.STRING, null, "the pool (LVM volume group), e.g. vg_gluster; needed by add and create"))
                .param(Param.optional("device", ParamType.STRING, null, "add: the disk or partition to put in the pool, e.g. /dev/vdb"))
                .param(Param.optional("name", ParamType.STRING, null, "create: the volume's name; it appears as /dev/POOL/NAME"))
                .param(Param.choice("fstype", "none", List.of("xfs", "ext4", "none"),
                        "create: the file system made on the volume (none, as ssm create without --fstype)"))
                .param(Param.optional("size", ParamType.STRING, null, "create: the volume's size with a unit K, M, G or T, e.g. 10G; by default the rest of the pool"))
                .param(Param.optional("force", ParamType.BOOL, false,
                        "add: put a device that holds a file system, partition table or other signature in the pool anyway "
                                + "(its data is lost); create: make the file system over another one on an existing volume"))
                .param(Param.choice("tool", "auto", List.of("auto", "ssm", "lvm"),
                        "auto: ssm when it is installed on the host, else the LVM2 tools (pvcreate, vgcreate, vgextend, lvcreate, mkfs)"))
                .requiredIf("action", "add", "pool", "device")
                .requiredIf("action", "create", "pool", "name")
                .checkMode("reads the state (pvs, vgs, lvs, blkid -p) and reports the commands it would run; create on a pool "
                        + "an earlier add task would make is reported instead of failing; list runs in check mode too")
                .notes("add: a device already in the pool is ok; a blank device becomes a physical volume of the pool "
                        + "(ssm add -p POOL DEV, or pvcreate then vgcreate when the pool is new, vgextend when it exists). "
                        + "A device holding a file system, partition table or other signature fails unless force: true; a "
                        + "device in ANOTHER pool always fails (take it out yourself: vgreduce frees it only when no volume "
                        + "uses it). create: an existing volume is kept (never resized); only its file system is ensured, as "
                        + "the filesystem module does. With LVM2: lvcreate -y -n NAME -l 100%FREE|-L SIZE POOL, then "
                        + "mkfs.FSTYPE /dev/POOL/NAME; with ssm: ssm create -p POOL [--fstype FSTYPE] -n NAME [-s SIZE]. "
                        + "Testing: the LVM2 path of add runs for real against a loop device. Volumes cannot be created on "
                        + "the test machine (its kernel has no device-mapper), and ssm is not packaged in Debian, so create "
                        + "and everything done through ssm are tested against scripted stand-ins that check each command "
                        + "line against the tools' documented syntax.")
                .returns("tool", "string", "success", "ssm or lvm: the tools the task used", "lvm")
                .returns("devices", "list", "success", "the physical volumes as found before the task: device, pool, size (bytes)", "[{device: /dev/vdb, pool: vg_gluster, size: 107374182400}]")
                .returns("pools", "list", "success", "the pools (volume groups) as found: name, size, free (bytes)", "[{name: vg_gluster, size: 107369988096, free: 0}]")
                .returns("volumes", "list", "success", "the volumes as found: pool, name, size (bytes), path", "[{pool: vg_gluster, name: gluster, size: 107369988096, path: /dev/vg_gluster/gluster}]")
                .returns("stdout", "string", "when action is list and the tool is ssm", "what ssm list printed", "Device  Free  Used  Total  Pool ...")
                .returns("path", "string", "when action is create", "the volume's device path", "/dev/vg_gluster/gluster")
                .returns("fstype", "string", "when action is create with an fstype", "the file system the volume holds", "xfs")
                .returns("uuid", "string", "when a file system is there or made, not in check mode", "its UUID", "2b3c1a8e-5f7d-4c3b-9a61-0d2e8f4b7c10")
                .example(name + " 'list the storage (take note of your pool name)', action: 'list'")
                .example(name + " 'add the disk to the pool', action: 'add', pool: 'vg_gluster', device: '/dev/vdb'")
                .example(name + " 'create the XFS volume', action: 'create', pool: 'vg_gluster', name: 'gluster', fstype: 'xfs'");
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        boolean ssm = switch (ctx.str("tool")) {
            case "ssm" -> true;
            case "lvm" -> false;
            default -> ctx.hasProgram("ssm");
        };
        if (ssm) {
            ctx.requireProgram("ssm", "install system-storage-manager");
        }
        ctx.requireProgram("pvs", "install lvm2");
        ctx.set("tool", ssm ? "ssm" : "lvm");
        LvmState state = LvmState.read(ctx);
        ctx.set("devices", state.devices());
        ctx.set("pools", state.pools());
        ctx.set("volumes", state.volumes());
        switch (ctx.str("action")) {
            case "add" -> add(ctx, state, ssm);
            case "create" -> create(ctx, state, ssm);
            default -> {
                if (ssm) {
                    ctx.set("stdout", ctx.read(Cmd.of("ssm", "list")));
                }
                ctx.msg(state.devices().size() + " physical volume(s), " + state.pools().size() + " pool(s), "
                        + state.volumes().size() + " volume(s)");
            }
        }
    }

    private static void add(ModuleContext ctx, LvmState state, boolean ssm) throws Exception {
        String pool = lvmName(ctx, "pool");
        String dev = ctx.str("device");
        if (!dev.startsWith("/")) {
            ctx.fail("device must be an absolute path such as /dev/vdb, got '" + dev + "'");
        }
        // pvs names the device as LVM found it, which may be the target of the path given (a /dev/disk/by-id link).
        String resolved = ctx.probe(Cmd.of("readlink", "-f", dev)).stdout().strip();
        String current = state.poolOf(dev, resolved);
        if (pool.equals(current)) {
            ctx.msg(dev + " is already in pool " + pool);
            return;
        }
        if (current != null && !current.isEmpty()) {
            ctx.fail(dev + " is in pool " + current + ", not " + pool + "; it is never moved automatically "
                    + "(vgreduce " + current + " " + dev + " frees it when no volume uses it)");
        }
        String held = null;
        if (current == null) {
            Blkid found = Blkid.probe(ctx, dev);
            if (!found.exists()) {
                ctx.fail(dev + " does not exist");
            }
            held = found.signature();
            if (held != null && !ctx.bool("force")) {
                ctx.fail(dev + " already holds data (" + held + "); set force: true to put it in the pool anyway");
            }
        }
        String overwriting = held == null ? "" : " (overwriting " + held + ")";
        if (ssm) {
            Cmd add = ssm(held != null).raw("add").raw("-p").arg(pool).arg(dev);
            ctx.converge(add + overwriting, () -> ctx.change(add));
            return;
        }
        if (current == null) {
            Cmd pv = Cmd.of("pvcreate");
            if (held != null) {
                pv.raw("-y"); // answers pvcreate's "wipe the signature?" question, asked only with force
            }
            pv.arg(dev);
            ctx.converge(pv + overwriting, () -> ctx.change(pv));
        }
        Cmd vg = Cmd.of(state.hasPool(pool) ? "vgextend" : "vgcreate", pool, dev);
        ctx.converge(vg.toString(), () -> ctx.change(vg));
    }

    private static void create(ModuleContext ctx, LvmState state, boolean ssm) throws Exception {
        String pool = lvmName(ctx, "pool");
        String name = lvmName(ctx, "name");
        String size = ctx.str("size");
        if (size != null && !SIZE.matcher(size).matches()) {
            ctx.fail("size must be a number with a unit K, M, G or T, e.g. 10G; got '" + size + "'");
        }
        String fstype = ctx.str("fstype");
        String path = "/dev/" + pool + "/" + name;
        ctx.set("path", path);
        if (state.hasVolume(pool, name)) {
            ctx.msg(path + " exists");
            if (!fstype.equals("none")) {
                FilesystemModule.ensure(ctx, path, fstype, ctx.bool("force"), List.of(), Blkid.read(ctx, path));
            }
            return;
        }
        String note = "";
        if (!state.hasPool(pool)) {
            if (!ctx.checkMode()) {
                ctx.fail("pool " + pool + " does not exist; add a device to it first (action: 'add')");
            }
            note = " (pool " + pool + " does not exist yet)"; // an earlier add task of this check run would make it
        }
        if (ssm) {
            Cmd create = ssm(false).raw("create").raw("-p").arg(pool);
            if (!fstype.equals("none")) {
                create.raw("--fstype").arg(fstype);
            }
            create.raw("-n").arg(name);
            if (size != null) {
                create.raw("-s").arg(size); // -s: a bare positional argument would be read as a device
            }
            ctx.converge(create + note, () -> {
                ctx.change(create);
                ctx.set("uuid", Blkid.uuid(ctx, path));
            });
            return;
        }
        // -y: lvcreate asks before wiping an old signature found in the pool's free space.
        Cmd lv = Cmd.of("lvcreate").raw("-y").raw("-n").arg(name);
        lv = size != null ? lv.raw("-L").arg(size) : lv.raw("-l").raw("100%FREE");
        Cmd lvcreate = lv.arg(pool);
        ctx.converge(lvcreate + note, () -> ctx.change(lvcreate));
        if (!fstype.equals("none")) {
            // In check mode the volume does not exist yet: blkid finds nothing and the mkfs is predicted.
            FilesystemModule.ensure(ctx, path, fstype, false, List.of(), Blkid.read(ctx, path));
        }
    }

    private static Cmd ssm(boolean force) {
        return force ? Cmd.of("ssm").raw("-f") : Cmd.of("ssm");
    }

    private static String lvmName(ModuleContext ctx, String param) {
        String v = ctx.str(param);
        if (!LVM_NAME.matcher(v).matches()) {
            ctx.fail(param + " must be an LVM name (letters, digits, + _ . -, not starting with -); got '" + v + "'");
        }
        return v;
    }
}
