package io.gplay.modules.firewall;

import io.gplay.engine.connection.UnreachableException;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

/**
 * A rollback armed on the host, as iptables-apply does it: the live rules are saved, and a process on the host
 * restores them after the timeout unless cancelled, so a firewall that cuts gplay off undoes itself.
 *
 * <p>The process is {@code setsid nohup sh -c 'sleep T; ...' &}, its PID (also its process group, thanks to
 * setsid) kept with the saved rules in a directory under /run. It works the same on SysV init (RHEL 6) and
 * systemd hosts, stays in the network namespace of the command that armed it (a {@code systemd-run} timer would
 * run in PID 1's), and neither the SIGHUP of a dropped SSH session nor the end of gplay stops it. Cancelling
 * and firing both claim the directory with an atomic {@code mkdir}, so exactly one of them acts.
 */
final class IptablesRollback {
    private static final String ARM = "set -e; r=/run; [ -d \"$r\" ] || r=/var/run;"
            + " d=$(mktemp -d \"$r/gplay-iptables.XXXXXX\"); iptables-save > \"$d/saved\";"
            // no rules loaded yet: iptables-save prints nothing, and restoring nothing would keep the new rules
            + " grep -q '^[*]filter' \"$d/saved\" || printf '%s\\n' '*filter' ':INPUT ACCEPT [0:0]'"
            + " ':FORWARD ACCEPT [0:0]' ':OUTPUT ACCEPT [0:0]' COMMIT >> \"$d/saved\";"
            + " setsid nohup sh -c 'sleep \"$1\"; mkdir \"$2/claim\" 2>/dev/null || exit 0;"
            + " iptables-restore < \"$2/saved\"; echo $? > \"$2/restored\"' rollback \"$1\" \"$d\""
            + " </dev/null >/dev/null 2>&1 &"
            + " echo \"$d $!\"";

    private final ModuleContext ctx;
    private final String dir;
    private final String pid;
    private final long due;

    private IptablesRollback(ModuleContext ctx, String dir, String pid, long due) {
        this.ctx = ctx;
        this.dir = dir;
        this.pid = pid;
        this.due = due;
    }

    /** Saves the live rules and starts the process that restores them after {@code seconds}. */
    static IptablesRollback arm(ModuleContext ctx, int seconds) {
        String[] out = ctx.change(Cmd.of("sh", "-c", ARM, "arm", seconds)).stdout().strip().split(" ");
        return new IptablesRollback(ctx, out[0], out[1], System.nanoTime() + seconds * 1_000_000_000L);
    }

    /** Stops the pending rollback; false when it has already fired (the timeout was too short). */
    boolean cancel() {
        return ctx.change(Cmd.of("sh", "-c", "if mkdir \"$1/claim\" 2>/dev/null; then kill -- -\"$2\"; rm -rf -- \"$1\";"
                + " echo cancelled; fi", "cancel", dir, pid)).stdout().contains("cancelled");
    }

    /** Restores the saved rules at once (an apply that failed half-way), and stops the pending rollback. */
    void restoreNow() {
        ctx.change(Cmd.of("sh", "-c", "if mkdir \"$1/claim\" 2>/dev/null; then kill -- -\"$2\"; fi;"
                + " iptables-restore < \"$1/saved\" && rm -rf -- \"$1\"", "restore", dir, pid));
    }

    /**
     * Waits, through the existing connection, until the rollback has fired, and checks that the live rules are the
     * saved ones again; returns what went wrong, or null. When the connection is gone too, waits out the timeout.
     */
    String awaitRestored(int seconds) throws InterruptedException {
        long giveUp = due + 20_000_000_000L;
        try {
            String rc;
            while ((rc = ctx.probe(Cmd.of("cat", dir + "/restored")).stdout().strip()).isEmpty()) {
                if (System.nanoTime() > giveUp) {
                    return "the rollback has not run " + (seconds + 20) + "s after arming; check the host's console";
                }
                Thread.sleep(500);
            }
            if (!rc.equals("0")) {
                return "the rollback's iptables-restore failed (rc=" + rc + "); check the host's console";
            }
            String saved = ctx.read(Cmd.of("cat", dir + "/saved"));
            boolean same = IptablesRules.tables(ctx.read(Cmd.of("iptables-save"))).equals(IptablesRules.tables(saved));
            ctx.change(Cmd.of("rm", "-rf", "--", dir));
            return same ? null : "the rollback ran, yet the live rules differ from the saved ones";
        } catch (UnreachableException | IllegalStateException e) {
            Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000) + 1000);
            return "not confirmed: the existing connection failed too (" + e.getMessage() + ")";
        }
    }
}
