package io.gplay.modules.storage;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is mounted where, from the kernel's own table (/proc/self/mountinfo), for mount and fstab alike:
 * findmnt is missing on older hosts such as CentOS 6. Mount points in it, as in fstab, escape space, tab,
 * newline and backslash as octal.
 */
final class MountTable {
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    private MountTable() {
    }

    /** What is mounted on a path: its file system type and source, as the kernel lists them. */
    record Mounted(String fstype, String source) {
        /** Whether this is the given type: a FUSE mount lists {@code glusterfs} as {@code fuse.glusterfs}. */
        boolean isType(String wanted) {
            return wanted == null || fstype.equals(wanted) || fstype.equals("fuse." + wanted);
        }
    }

    /** Whether something is mounted on the path. */
    static boolean mounted(ModuleContext ctx, String path) {
        return mountedOn(ctx, path) != null;
    }

    /** What is mounted on the path (the last mount, which hides the others), or null. */
    static Mounted mountedOn(ModuleContext ctx, String path) {
        String target = normalize(path);
        Mounted found = null;
        for (Entry e : entries(ctx)) {
            if (e.mountPoint().equals(target)) {
                found = e.mounted();
            }
        }
        return found;
    }

    /** Where a device is mounted (the first mount of it the kernel lists), or null. */
    static String mountPointOf(ModuleContext ctx, String device) {
        return entries(ctx).stream().filter(e -> e.mounted().source().equals(device)).map(Entry::mountPoint)
                .findFirst().orElse(null);
    }

    private record Entry(String mountPoint, Mounted mounted) {
    }

    /** The kernel's mounts in order: mount point (field 5), then type and source after the "-" separator. */
    private static List<Entry> entries(ModuleContext ctx) {
        List<Entry> out = new ArrayList<>();
        for (String line : ctx.read(Cmd.of("cat", "/proc/self/mountinfo")).split("\n")) {
            List<String> f = List.of(line.split(" "));
            int dash = f.indexOf("-");
            if (dash > 4 && f.size() > dash + 2) {
                out.add(new Entry(unescape(f.get(4)), new Mounted(f.get(dash + 1), unescape(f.get(dash + 2)))));
            }
        }
        return out;
    }

    /** The path without trailing slashes ("/" stays "/"). */
    static String normalize(String path) {
        String p = path.replaceAll("/+$", "");
        return p.isEmpty() ? "/" : p;
    }

    static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(sb).toString();
    }
}
