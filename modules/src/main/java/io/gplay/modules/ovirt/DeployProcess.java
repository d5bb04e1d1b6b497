package io.gplay.modules.ovirt;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;

/**
 * {@code hosted-engine --deploy} running on the host detached from gplay's connection, so that it outlives a
 * lost connection or a Ctrl-C and a later run resumes its dialog. Everything lives in one directory (mode
 * 0700): {@code in}, a FIFO setup reads its answers from (held open for writing by setup's own shell, so it
 * never reads end-of-file between two answers), {@code out}, what setup writes, {@code pid}, the process group,
 * {@code answered}, how many questions were answered, {@code rc}, setup's exit code once it ended.
 *
 * <p>Setup 1.1's own script drops {@code --otopi-environment} (it parses it, then sets {@code otopienv=""}),
 * and otopi reads its configuration files after choosing the dialog; but the script appends the value of
 * {@code --config-append} to one string of environment statements that otopi splits on blanks, so
 * {@code --config-append="FILE DIALOG/dialect=str:machine"} selects the machine dialog.
 */
final class DeployProcess {
    private final ModuleContext ctx;
    private final String dir;
    private long offset;

    DeployProcess(ModuleContext ctx, String dir) {
        this.ctx = ctx;
        this.dir = dir;
    }

    String dir() {
        return dir;
    }

    /** Whether a deploy started earlier still runs (its dialog can be resumed). */
    boolean running() {
        return ctx.probe(Cmd.of("sh", "-c", "pid=$(cat -- \"$1/pid\" 2>/dev/null) && [ ! -f \"$1/rc\" ] && kill -0 \"$pid\"",
                "running", dir)).ok();
    }

    /** How many questions a resumed dialog had answered already. */
    int answered() {
        String n = ctx.probe(Cmd.of("cat", "--", dir + "/answered")).stdout().strip();
        return n.matches("\\d+") ? Integer.parseInt(n) : 0;
    }

    void start(String answerFile) {
        String script = "set -e; umask 077; mkdir -p -- \"$1\"; chmod 700 -- \"$1\"; cd -- \"$1\"; "
                + "rm -f in out rc pid answered; mkfifo in; : > out; "
                + "setsid sh -c 'exec 3<>in; hosted-engine --deploy \"--config-append=$1 DIALOG/dialect=str:machine\" "
                + "<in >out 2>&1; echo $? > rc' deploy \"$2\" </dev/null >/dev/null 2>&1 & echo $! > pid";
        ctx.change(Cmd.of("sh", "-c", script, "start", dir, answerFile));
        offset = 0;
    }

    /** What setup wrote since the last read, up to its last whole line. */
    String read() {
        ExecResult r = ctx.probe(Cmd.of("tail", "-c", "+" + (offset + 1), "--", dir + "/out"));
        String s = r.stdout();
        int end = s.lastIndexOf('\n') + 1;
        String whole = s.substring(0, end);
        offset += whole.getBytes(StandardCharsets.UTF_8).length;
        return whole;
    }

    /** One answer line, on setup's standard input (never on a command line), and the count of answers. */
    void answer(String line) {
        ExecResult r = ctx.attempt(Cmd.of("sh", "-c", "exec 3<>\"$1/in\" && cat >&3 && n=$(cat \"$1/answered\" 2>/dev/null || echo 0)"
                + " && echo $((n + 1)) > \"$1/answered\"", "answer", dir), (line + "\n").getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            ctx.fail("could not answer setup through " + dir + "/in: " + r.reason());
        }
    }

    /** Setup's exit code once it ended, else null. */
    Integer exitCode() {
        String rc = ctx.probe(Cmd.of("cat", "--", dir + "/rc")).stdout().strip();
        return rc.matches("\\d+") ? Integer.parseInt(rc) : null;
    }

    /** Ends setup and what it started (its process group), when its dialog cannot go on; a note when it could not. */
    String stop() {
        var r = ctx.attempt(Cmd.of("sh", "-c", "pid=$(cat -- \"$1/pid\") && kill -TERM \"-$pid\"", "stop", dir), null);
        return r.ok() ? "setup was stopped before changing anything"
                : "setup could not be stopped (" + r.reason() + "): end it with kill -TERM -$(cat " + dir + "/pid)";
    }

    /** The engine VM's state as vdsm reports it ({@code vdsClient -s 0 list table}): "Up", "Down", or "absent". */
    String vmState() {
        ExecResult r = ctx.probe(Cmd.of("vdsClient", "-s", "0", "list", "table"));
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].equals("HostedEngine")) {
                return f[3];
            }
        }
        return r.ok() ? "absent" : "unknown (" + r.reason() + ")";
    }

    /** The engine's health page as setup's check_liveliness.py reads it, fetched from this host; null when unreachable. */
    String health(String fqdn) {
        String py = "import sys\ntry:\n    from urllib2 import urlopen\nexcept ImportError:\n    from urllib.request import urlopen\n"
                + "try:\n    r = urlopen(sys.argv[1], timeout=20).read()\nexcept Exception:\n    sys.exit(1)\n"
                + "sys.stdout.write(r if isinstance(r, str) else r.decode('utf-8', 'replace'))\n";
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", "for p in python python3 python2; do command -v $p >/dev/null && exec $p -c \"$1\" \"$2\"; done; exit 127",
                "health", py, "http://" + fqdn + "/ovirt-engine/services/health"));
        return r.ok() ? r.stdout() : null;
    }
}
