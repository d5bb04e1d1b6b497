package io.gplay.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the daemon for a run lives: a folder of the user's own ({@code $XDG_RUNTIME_DIR/gplay}, else, or when
 * that is too long for a socket's path, {@code /tmp/gplay-UID}; mode 0700, refused if anyone else owns it or can enter it), and in it, per key, the
 * socket, the lock its daemon holds and its log. The key is a digest of how gplay was launched (the java
 * command's options, the jar, its size and time) and of the run's context, the working directory and the whole
 * environment: a daemon serves only runs that a fresh process would see exactly as it does, so a run through it
 * reads the same files and variables.
 */
record DaemonPlace(Path dir, String key) {
    /** The longest runtime folder used: a socket's path must fit in 108 bytes (Linux's sun_path). */
    static final int MAX_FOLDER = 60;

    Path socket() {
        return dir.resolve(key + ".sock");
    }

    Path lock() {
        return dir.resolve(key + ".lock");
    }

    Path log() {
        return dir.resolve(key + ".log");
    }

    /** The user's folder of daemons, made if missing; an error saying why when it is not safe to use. */
    static Path folder(Map<String, String> env) throws IOException {
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && runtime.startsWith("/") && runtime.length() <= MAX_FOLDER
                ? Path.of(runtime, "gplay") : Path.of("/tmp", "gplay-" + uid());
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another gplay made it: checked below as any
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a folder");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(uid())) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to this user (" + uid() + ")");
        }
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
        if (!mode.equals("rwx------")) {
            throw new IOException(dir + " has mode " + mode + "; only its owner may use it (chmod 700 " + dir + ")");
        }
        return dir;
    }

    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** A digest of the launch (JVM options and jar) and the context, as a socket's name. */
    static String key(List<String> javaOptions, Path jar, String context) throws IOException {
        StringBuilder s = new StringBuilder("gplay-daemon/").append(DaemonFrames.VERSION).append('\0');
        javaOptions.forEach(o -> s.append(o).append('\0'));
        s.append(jar.toAbsolutePath()).append('\0').append(Files.size(jar)).append('\0')
                .append(Files.getLastModifiedTime(jar).toMillis()).append('\0').append(context);
        return digest(s.toString()).substring(0, 32);
    }

    /** A digest of the working directory and the whole environment, which a daemon and its client compare. */
    static String context(String workingDir, Map<String, String> env) {
        StringBuilder s = new StringBuilder(workingDir).append('\0');
        new TreeMap<>(env).forEach((k, v) -> s.append(k).append('=').append(v).append('\0'));
        return digest(s.toString());
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
