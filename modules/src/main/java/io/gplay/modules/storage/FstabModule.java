package io.gplay.modules.storage;

import io.gplay.modules.files.FileContent;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** Keeps exactly one fstab entry for a mount point, or none, leaving every other line as it is; can mount it. */
public final class FstabModule implements Module {

    private static final ModuleSpec SPEC = FileContent.declareEdit(new ModuleSpec("fstab", "Keeps exactly one /etc/fstab entry for a mount point (or none), every other line byte for byte; can mount it.")
            .primary("path")
            .param(Param.required("path", ParamType.STRING, "the mount point, e.g. /gluster"))
            .param(Param.optional("source", ParamType.STRING, null, "what to mount: a device, UUID=..., LABEL=..., host:/volume (or give uuidOf)"))
            .param(Param.optional("uuidOf", ParamType.STRING, null, "a device whose file system UUID becomes the source, as UUID=... (read with blkid)"))
            .param(Param.optional("fstype", ParamType.STRING, null, "the file system type, e.g. xfs; needed for present"))
            .param(Param.optional("options", ParamType.STRING, "defaults", "mount options, comma-separated"))
            .param(Param.optional("dump", ParamType.INT, 0, "the dump field (1: back it up with dump)"))
            .param(Param.optional("pass", ParamType.INT, 0, "the fsck order at boot: 0 none, 1 the root file system, 2 the others"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the mount point has an entry"))
            .param(Param.optional("file", ParamType.STRING, "/etc/fstab", "the table to edit"))
            .param(Param.optional("mount", ParamType.BOOL, false, "present only: also mount it now (mount PATH) unless something is mounted there already"))
            .param(FileContent.BACKUP)
            .oneOfIf("state", "present", "source", "uuidOf")
            .exclusive("source", "uuidOf")
            .requiredIf("state", "present", "fstype")
            .goesWith("mount", true, "state", "present")
            .checkMode("predicts the file's diff and the mount; when uuidOf names a device with no file system yet (an earlier "
                    + "task would make it), the entry is predicted with the placeholder UUID=<uuid of DEV after mkfs>")
            .notes("An entry is any non-comment line whose second field is the mount point (fstab's \\040 escapes and a "
                    + "trailing slash are understood). The first such entry is kept when its fields already match, else "
                    + "replaced in place by SOURCE PATH FSTYPE OPTIONS DUMP PASS (single spaces); later ones are removed; "
                    + "with none, the entry is appended. Every other line, comment and blank keeps its bytes. The file is "
                    + "written atomically, with a diff. mount: true runs mount PATH (with -T FILE for another file) after "
                    + "creating the mount point, and checks /proc/self/mountinfo before and after; a file system already "
                    + "mounted there is not remounted when its entry changes.")
            .leavesOut("name", "called path")
            .leavesOut("src", "called source (or give uuidOf)")
            .leavesOut("opts", "called options")
            .leavesOut("passno", "called pass")
            .leavesOut("state: mounted, unmounted, remounted", "mount: true mounts the entry; the mount module mounts and unmounts")
            .leavesOut("boot", "put noauto in options")
            .returns("path", "string", "success", "the mount point", "/gluster")
            .returns("found", "string", "success", "the table's first entry for the mount point as the task found it; empty when none", "/dev/vdb /gluster xfs defaults 0 0")
            .returns("entry", "string", "when state is present", "the entry the table has after the task", "UUID=2b3c1a8e-5f7d-4c3b-9a61-0d2e8f4b7c10 /gluster xfs defaults 1 2")
            .returns("mounted", "bool", "when mount is true", "whether something is mounted on the path after the task (in check mode: would be)", "true")
            .example("fstab 'mount the brick partition at /gluster by UUID', path: '/gluster', uuidOf: '/dev/vdb', fstype: 'xfs', "
                    + "options: 'defaults', dump: 1, pass: 2, mount: true")
            .example("fstab '/mnt/lock', source: 'localhost:/meta', fstype: 'glusterfs', options: 'defaults,_netdev'")
            .example("fstab '/mnt/old', state: 'absent'"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        if (!path.startsWith("/")) {
            ctx.fail("path must be an absolute mount point, e.g. /gluster; got '" + path + "'");
        }
        String file = ctx.str("file");
        boolean present = ctx.str("state").equals("present");
        String[] wanted = present ? wanted(ctx, path) : null;
        String[] found = {""};
        FileContent.edit(ctx, file, ctx.bool("backup"), table -> {
            String before = table.isFile() ? table.content() : "";
            found[0] = entryOf(before, MountTable.normalize(path));
            String after = edit(before, MountTable.normalize(path), wanted);
            return after.equals(before) ? null : after;
        });
        ctx.set("path", path);
        ctx.set("found", found[0]);
        if (!present) {
            return;
        }
        ctx.set("entry", String.join(" ", wanted));
        if (ctx.bool("mount")) {
            ctx.set("mounted", true); // mounted already, or the converge below mounts it or fails the task
        }
        if (ctx.bool("mount") && !MountTable.mounted(ctx, path)) {
            Cmd mount = Cmd.of("mount");
            if (!file.equals("/etc/fstab")) {
                mount.raw("-T").arg(file);
            }
            mount.raw("--").arg(path);
            ctx.converge("mount " + path, () -> {
                ctx.change(Cmd.of("mkdir", "-p", "--", path).and(mount));
                if (!MountTable.mounted(ctx, path)) {
                    ctx.fail(mount + " succeeded but nothing is mounted on " + path);
                }
            });
        }
    }

    /** The entry's six fields, escaped as fstab wants them. */
    private static String[] wanted(ModuleContext ctx, String path) {
        for (String field : List.of("path", "source", "fstype", "options")) {
            // an empty field or a control character makes an entry that does not read back as written, so the
            // file would change on every run (spaces and backslashes are escaped)
            if (ctx.has(field) && !ctx.str(field).matches("[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*")) {
                ctx.fail(field + " '" + ctx.str(field).replaceAll("\\p{Cntrl}", "?") + "' is empty or holds a control"
                        + " character, which an fstab field cannot hold");
            }
        }
        return new String[]{source(ctx), escape(MountTable.normalize(path)), escape(ctx.str("fstype")), escape(ctx.str("options")),
                String.valueOf(ctx.integer("dump")), String.valueOf(ctx.integer("pass"))};
    }

    private static String source(ModuleContext ctx) {
        if (ctx.has("source")) {
            return escape(ctx.str("source"));
        }
        String dev = ctx.str("uuidOf");
        String uuid = Blkid.uuid(ctx, dev);
        if (uuid != null) {
            return "UUID=" + uuid;
        }
        if (!ctx.checkMode()) {
            ctx.fail(dev + " has no file system UUID; make a file system on it first (e.g. with the filesystem module)");
        }
        // In check mode an earlier task may be what makes the file system.
        return "UUID=<uuid of " + dev + " after mkfs>";
    }

    /** The text with exactly one entry for the mount point (wanted) or none (wanted null). */
    static String edit(String text, String mountPoint, String[] wanted) {
        StringBuilder out = new StringBuilder();
        boolean placed = false;
        for (int i = 0; i < text.length(); ) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(i, end);
            i = end;
            String[] f = fields(line);
            if (f == null || !MountTable.normalize(MountTable.unescape(f[1])).equals(mountPoint)) {
                out.append(line);
            } else if (wanted != null && !placed) {
                placed = true;
                out.append(same(f, wanted) ? line : String.join(" ", wanted) + (line.endsWith("\n") ? "\n" : ""));
            }
        }
        if (wanted != null && !placed) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(String.join(" ", wanted)).append('\n');
        }
        return out.toString();
    }

    /** The first entry of the table for the mount point, as the line reads without its end; empty when none. */
    private static String entryOf(String text, String mountPoint) {
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f != null && MountTable.normalize(MountTable.unescape(f[1])).equals(mountPoint)) {
                return line.strip();
            }
        }
        return "";
    }

    /** An entry's fields, or null for a comment, a blank or a line too short to name a mount point. */
    private static String[] fields(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        String[] f = s.split("\\s+");
        return f.length < 2 ? null : f;
    }

    private static boolean same(String[] found, String[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            // dump and pass may be left out of a line; they then read as 0.
            String have = i < found.length ? found[i] : "0";
            boolean equal = i == 1 ? MountTable.normalize(MountTable.unescape(have)).equals(MountTable.unescape(wanted[i]))
                    : have.equals(wanted[i]);
            if (!equal) {
                return false;
            }
        }
        return found.length <= wanted.length;
    }

    private static String escape(String field) {
        return field.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }
}
