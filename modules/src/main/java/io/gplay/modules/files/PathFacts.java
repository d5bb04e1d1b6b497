package io.gplay.modules.files;

import io.gplay.engine.connection.HostText;
import io.gplay.engine.connection.RemoteFile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Ansible's stat and find say of a path, under their keys (isdir, mode '0644', pw_name, checksum...), from
 * GNU stat's fields read on the host or from a file an earlier task of a check run predicted.
 */
final class PathFacts {
    /** GNU stat's --printf fields, one a line: raw mode (hex), uid, gid, user, group, size, mtime, atime, ctime, inode, device, links. */
    static final String FORMAT = "%f\\n%u\\n%g\\n%U\\n%G\\n%s\\n%Y\\n%X\\n%Z\\n%i\\n%d\\n%h\\n";
    static final int LINES = 12;

    private static final Map<String, String> ALGORITHMS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");
    static final List<String> CHECKSUMS = List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    private PathFacts() {
    }

    /** The facts of a path from {@link #FORMAT}'s lines. */
    static Map<String, Object> of(String path, List<String> f) {
        int raw = Integer.parseInt(f.get(0), 16);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("exists", true);
        s.put("path", path);
        types(s, raw & 0170000);
        mode(s, raw & 07777);
        s.put("uid", Long.parseLong(f.get(1)));
        s.put("gid", Long.parseLong(f.get(2)));
        s.put("pw_name", f.get(3));
        s.put("gr_name", f.get(4));
        s.put("size", Long.parseLong(f.get(5)));
        s.put("mtime", Long.parseLong(f.get(6)));
        s.put("atime", Long.parseLong(f.get(7)));
        s.put("ctime", Long.parseLong(f.get(8)));
        s.put("inode", Long.parseLong(f.get(9)));
        s.put("dev", Long.parseLong(f.get(10)));
        s.put("nlink", Long.parseLong(f.get(11)));
        return s;
    }

    /**
     * The facts of a path an earlier task of a check run predicted: its type, mode, owner, group, size and
     * checksum; what only the real file would tell (numbers, times) is left out rather than guessed.
     */
    static Map<String, Object> predicted(RemoteFile p, String algorithm) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("exists", p.exists());
        if (!p.exists()) {
            return s;
        }
        s.put("path", p.path());
        types(s, switch (p.type()) {
            case "directory" -> 0040000;
            case "link" -> 0120000;
            default -> 0100000;
        });
        mode(s, p.mode() == null ? 0644 : Integer.parseInt(p.mode(), 8));
        s.put("pw_name", p.owner());
        s.put("gr_name", p.group());
        if (p.isFile() && p.content() != null) {
            byte[] bytes = HostText.encode(p.content());
            s.put("size", (long) bytes.length);
            if (algorithm != null) {
                s.put("checksum", checksum(bytes, algorithm));
            }
        }
        if (p.linkTarget() != null) {
            s.put("lnk_target", p.linkTarget());
        }
        return s;
    }

    private static void types(Map<String, Object> s, int type) {
        s.put("isdir", type == 0040000);
        s.put("isreg", type == 0100000);
        s.put("islnk", type == 0120000);
        s.put("isblk", type == 0060000);
        s.put("ischr", type == 0020000);
        s.put("isfifo", type == 0010000);
        s.put("issock", type == 0140000);
    }

    private static void mode(Map<String, Object> s, int mode) {
        s.put("mode", String.format("%04o", mode));
        String[] bits = {"rusr", "wusr", "xusr", "rgrp", "wgrp", "xgrp", "roth", "woth", "xoth"};
        for (int i = 0; i < bits.length; i++) {
            s.put(bits[i], (mode & (0400 >> i)) != 0);
        }
        s.put("isuid", (mode & 04000) != 0);
        s.put("isgid", (mode & 02000) != 0);
    }

    static String checksum(byte[] bytes, String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(ALGORITHMS.get(algorithm)).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
