package io.gplay.modules;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

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

    /** Whether something is mounted on the path. */
    static boolean mounted(ModuleContext ctx, String path) {
        String target = normalize(path);
        for (String line : ctx.read(Cmd.of("cat", "/proc/self/mountinfo")).split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(target)) {
                return true;
            }
        }
        return false;
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
