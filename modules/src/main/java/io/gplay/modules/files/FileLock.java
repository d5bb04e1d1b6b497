package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A host-side lock on one file for the time of a read-modify-write, so two runs editing it at once do not lose
 * each other's lines. It is an {@code flock} on a file in a folder of the user's own ({@link #LOCK_DIR}), held by a
 * {@code sleep} started in the background with the lock's descriptor: taking it is one command, so is giving it
 * back (ending that {@code sleep}). A run that loses its connection cannot give it back; the {@code sleep} then
 * ends after {@link #LEASE_SECONDS}, and a run waits longer than that, so a lost run delays another, never fails it.
 */
final class FileLock implements AutoCloseable {
    static final int LEASE_SECONDS = 60;
    static final int WAIT_SECONDS = 90;

    /**
     * The lock folder of uid {@code $u} ({@code $r}: /run, {@code $h}: the user's home) in {@code $d}: one no other
     * local user can make first. /run/lock is world-writable: anyone could make /run/lock/gplay-0 and so block
     * every edit as root. Root's is /run/gplay (only root writes /run), another user's under their home. A
     * folder that is a link or someone else's is refused, naming it and its owner.
     */
    static final String LOCK_DIR = "if [ \"$u\" = 0 ] && [ -d \"$r\" ] && [ -w \"$r\" ]; then d=\"$r/gplay\";"
            + " else d=\"$h/.cache/gplay/locks\"; fi;"
            + " if [ -L \"$d\" ]; then echo \"$d is a symbolic link, not a lock folder: remove it\" >&2; exit 1; fi;"
            + " mkdir -p -m 700 -- \"$d\";"
            + " [ -O \"$d\" ] || { echo \"$d belongs to $(stat -c '%U, uid %u' -- \"$d\"), not to uid $u:"
            + " remove it\" >&2; exit 1; };"
            + " chmod 700 -- \"$d\";";
    static final String TAKE = "set -e; u=$(id -u); r=/run; h=$(getent passwd \"$u\" | cut -d: -f6) || true;"
            + " h=${h:-$HOME}; " + LOCK_DIR
            + " l=\"$d/$1.lock\"; exec 9>>\"$l\"; w=0;"
            + " if ! flock -n 9; then w=1; flock -w \"$3\" 9 || { echo \"held by $(cat -- \"$l\")\" >&2; exit 75; }; fi;"
            + " h=$(cat -- \"$l\"); printf '%s\\n' \"$2\" > \"$l\";"
            + " sleep \"$4\" </dev/null >/dev/null 2>&1 & echo \"$! $w $h\"";
    // only the sleep this lock started: after its lease the pid may be another process's
    private static final String GIVE_BACK = "[ \"$(tr '\\0' ' ' < /proc/$1/cmdline 2>/dev/null)\" = \"sleep $2 \" ] && kill \"$1\"; true";

    private final ModuleContext ctx;
    private final String pid;
    private final String lease;
    private final String waited;

    private FileLock(ModuleContext ctx, String pid, String lease, String waited) {
        this.ctx = ctx;
        this.pid = pid;
        this.lease = lease;
        this.waited = waited;
    }

    /** Waits up to {@link #WAIT_SECONDS} for the lock of {@code path}; fails the task naming the holder after that. */
    static FileLock take(ModuleContext ctx, String path) {
        // a lease unique to this lock (sleep takes fractions), so giving it back ends no other process
        String lease = LEASE_SECONDS + "." + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
        String who = "gplay pid " + ProcessHandle.current().pid() + " of " + System.getProperty("user.name")
                + ", since " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        ExecResult r = ctx.attempt(Cmd.of("sh", "-c", TAKE, "lock", key(path), who, String.valueOf(WAIT_SECONDS), lease), null);
        if (r.rc() == 75) {
            throw new ModuleFailure("another run has been changing " + path + " for over " + WAIT_SECONDS + " s ("
                    + r.stderr().strip() + "); nothing was changed");
        }
        if (!r.ok()) {
            throw new ModuleFailure("cannot lock " + path + " against other runs: " + r.reason());
        }
        String[] out = r.stdout().strip().split(" ", 3);
        String waited = out[1].equals("1") ? String.format("waited %.1f s for another run changing %s (%s)",
                (System.nanoTime() - t0) / 1e9, path, out.length > 2 ? out[2] : "?") : null;
        return new FileLock(ctx, out[0], lease, waited);
    }

    /** What the wait was, or null when the lock was free. */
    String waited() {
        return waited;
    }

    @Override
    public void close() {
        ctx.attempt(Cmd.of("sh", "-c", GIVE_BACK, "unlock", pid, lease), null);
    }

    private static String key(String path) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
