package io.gplay.modules.storage;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What blkid's low-level probe finds on a device: a file system, a partition table, an LVM or RAID label.
 * Read-only; shared by the storage modules (filesystem, ssm/lvm, fstab).
 */
record Blkid(boolean exists, Map<String, String> tags) {
    /** Probes DEV ({@code blkid -p} reads the device itself, not blkid's cache); {@code exists} is false when there is no such path. */
    static Blkid probe(ModuleContext ctx, String dev) {
        // test's rc 1 means no such path; blkid itself exits 0 (found something) or 2 (nothing), never 1.
        ExecResult r = ctx.probe(Cmd.of("test", "-e", dev).and(low(dev)));
        return r.rc() == 1 ? new Blkid(false, Map.of()) : parse(ctx, dev, r);
    }

    /** Probes a device known to exist, or to be about to (a logical volume that LVM reports). */
    static Blkid read(ModuleContext ctx, String dev) {
        return parse(ctx, dev, ctx.probe(low(dev)));
    }

    private static Cmd low(String dev) {
        return Cmd.of("blkid", "-p", "-o", "export", "--", dev);
    }

    private static Blkid parse(ModuleContext ctx, String dev, ExecResult r) {
        if (r.rc() != 0 && r.rc() != 2) {
            ctx.fail("blkid -p " + dev + ": " + r.reason());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                tags.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Blkid(true, tags);
    }

    /** The file system UUID of DEV, or null when it has none (yet). */
    static String uuid(ModuleContext ctx, String dev) {
        String out = ctx.probe(Cmd.of("blkid", "-s", "UUID", "-o", "value", "--", dev)).stdout().strip();
        return out.isEmpty() ? null : out;
    }

    /** The file system type, or null. */
    String type() {
        return tags.get("TYPE");
    }

    /** What is on the device in words ("xfs file system", "dos partition table"), or null when it is blank. */
    String signature() {
        if (tags.containsKey("PTTYPE")) {
            return tags.get("PTTYPE") + " partition table";
        }
        if (type() != null) {
            return type() + ("filesystem".equals(tags.get("USAGE")) ? " file system" : " signature");
        }
        return null;
    }
}
