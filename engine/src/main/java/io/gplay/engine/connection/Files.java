package io.gplay.engine.connection;

import io.gplay.engine.shell.Cmd;

import java.util.Base64;
import java.util.List;

/**
 * Reading and writing files on a host through its connection, one round trip each. Writes go to a temporary
 * file beside the target and are renamed over it, so a reader never sees a half-written file.
 */
public final class Files {
    /** A temporary file this old is no write in progress: its data would have kept its time recent. */
    static final int STALE_MINUTES = 30;

    /** The exit status of a write whose validate command refused the content. */
    private static final int VALIDATE_REFUSED = 3;
    /**
     * The validate command, if any ($4...), on the temporary file: each %s of its words replaced by the file's
     * path, run without a shell, its output kept for the error. It runs as the write does (with become, as root).
     */
    private static final String VALIDATE = " shift 3; if [ $# -gt 0 ]; then n=$#;"
            + " for a in \"$@\"; do while :; do case $a in *%s*) a=\"${a%%\"%s\"*}$t${a#*\"%s\"}\" ;; *) break ;; esac; done;"
            + " set -- \"$@\" \"$a\"; done; shift $n;"
            + " out=$(\"$@\" 2>&1 </dev/null) || { printf '%s\\n' \"$out\" >&2; exit " + VALIDATE_REFUSED + "; }; fi;";

    private Files() {
    }

    /**
     * Reads type, owner, group, mode, link target and (for a regular file) content in one command; the content as
     * {@link HostText}, so writing it back gives the same bytes whatever its encoding.
     */
    public static RemoteFile stat(Connection conn, String path) {
        return stat(conn, path, true);
    }

    public static RemoteFile stat(Connection conn, String path, boolean withContent) {
        // A literal script after the quoted path; the type comes from the shell's own tests, so the host runs
        // one program for a directory (stat) and two for a file's content (stat, base64).
        String script = "f=" + Cmd.quote(path) + "; if [ -L \"$f\" ]; then t=link; elif [ -d \"$f\" ]; then t=directory;"
                + " elif [ -e \"$f\" ]; then t=file; else echo absent; exit 0; fi;"
                + " printf '%s ' $t; stat -c '%U %G %a %u %g' -- \"$f\" || exit;"
                + " if [ $t = link ]; then readlink -- \"$f\"; else echo; fi"
                + (withContent ? "; if [ $t = file ]; then base64 -w0 -- \"$f\"; fi" : "");
        ExecResult r = conn.exec(Command.probe(script));
        if (!r.ok()) {
            throw new IllegalStateException("cannot read " + path + ": " + r.reason());
        }
        String[] lines = r.stdout().split("\n", -1);
        if (lines[0].equals("absent")) {
            return RemoteFile.absent(path);
        }
        String[] head = lines[0].split(" ");
        String link = lines.length > 1 && !lines[1].isEmpty() ? lines[1] : null;
        String content = null;
        if (head[0].equals("file") && withContent) {
            String b64 = lines.length > 2 ? lines[2].strip() : "";
            content = HostText.decode(Base64.getDecoder().decode(b64));
        }
        // an owner without a name on the host (e.g. oVirt's uid 36 before vdsm is installed) is its number
        String owner = head[1].equals("UNKNOWN") ? head[4] : head[1];
        String group = head[2].equals("UNKNOWN") ? head[5] : head[2];
        return new RemoteFile(path, head[0], owner, group, head[3], link, content, Long.valueOf(head[4]),
                Long.valueOf(head[5]));
    }

    /** The content of a file, or {@code null} when it does not exist. */
    public static String read(Connection conn, String path) {
        RemoteFile f = stat(conn, path);
        return f.isFile() ? f.content() : null;
    }

    /**
     * Writes content atomically: a temporary file in the same folder, mode set, then renamed over the target.
     * An existing file keeps its owner, group and mode unless {@code mode} is given. The content is encoded as
     * {@link HostText}: UTF-8, and bytes read from a file that were not UTF-8 as they were.
     */
    public static void write(Connection conn, String path, String content, String mode) {
        write(conn, path, content, mode, List.of());
    }

    /**
     * As {@link #write(Connection, String, String, String)}, the temporary file first checked by {@code validate}
     * (a command's words, each {@code %s} in them the temporary file's path, as Ansible's {@code validate}): when it
     * exits non-zero nothing is written and what it printed is in the error.
     */
    public static void write(Connection conn, String path, String content, String mode, List<String> validate) {
        byte[] bytes = HostText.encode(content);
        // The folder by the shell's own expansion ("/x" gives "", and "$d/..." is then "/..."): a program less.
        // A temporary file left by a write whose connection was lost (it may hold a secret) is removed by a
        // later write beside it, once it is older than any write in progress; a write whose content did not all
        // arrive (stdin closed early) is never renamed over the target.
        String script = "set -e; f=\"$1\"; m=\"$2\"; case $f in */*) d=${f%/*} ;; *) d=. ;; esac;"
                + " find \"$d/\" -maxdepth 1 -name '.gplay.??????' -type f -mmin +" + STALE_MINUTES + " -delete 2>/dev/null || true;"
                + " t=$(mktemp \"$d/.gplay.XXXXXX\"); trap 'rm -f \"$t\"' EXIT; trap 'exit 1' HUP INT TERM PIPE; cat > \"$t\";"
                + " [ $(wc -c < \"$t\") -eq \"$3\" ] || { echo \"$f: the content arrived incomplete\" >&2; exit 1; };"
                + VALIDATE
                + " if [ -e \"$f\" ]; then chown --reference=\"$f\" \"$t\" 2>/dev/null || true;"
                + " chmod \"${m:---reference=$f}\" \"$t\"; else chmod \"${m:-644}\" \"$t\"; fi;"
                + " mv -f \"$t\" \"$f\"; trap - EXIT";
        ExecResult r = conn.exec(Command.change(Cmd.of("sh", "-c", script, "write", path, mode == null ? "" : mode,
                String.valueOf(bytes.length)).args(validate), bytes));
        if (r.rc() == VALIDATE_REFUSED) {
            throw new IllegalStateException(path + ": validate '" + String.join(" ", validate) + "' refused the new"
                    + " content, so nothing was written: " + r.stderr().strip());
        }
        if (!r.ok()) {
            throw new IllegalStateException("cannot write " + path + ": " + r.reason());
        }
    }

    /** Copies the current file to {@code path.YYYYmmdd-HHMMSS~} before a change, as users expect of {@code backup}. */
    public static String backup(Connection conn, String path) {
        ExecResult r = conn.exec(Command.change(Cmd.of("sh", "-c",
                "b=\"$1.$(date +%Y%m%d-%H%M%S)~\"; cp -p \"$1\" \"$b\" && echo \"$b\"", "backup", path)));
        if (!r.ok()) {
            throw new IllegalStateException("cannot back up " + path + ": " + r.reason());
        }
        return r.stdout().strip();
    }
}
