package io.gplay.engine.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * sudo with a password, against a stand-in sudo that asks its askpass program as sudo -A does: the password
 * reaches it on a host whose temporary folder is noexec (review F8), and never on a command line.
 */
class BecomePasswordTest {
    @TempDir
    Path dir;

    /** A sudo that runs "$SUDO_ASKPASS" PROMPT (from -p), refuses an askpass under $TMPDIR, and checks the answer. */
    private Path fakeSudo() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, """
                #!/bin/sh
                while [ $# -gt 0 ]; do case "$1" in -p) prompt=$2; shift 2;; --) shift; break;; *) shift;; esac; done
                case "$SUDO_ASKPASS" in "$TMPDIR"/*) echo "sudo: unable to run $SUDO_ASKPASS: Permission denied" >&2; exit 1;; esac
                [ "$("$SUDO_ASKPASS" "$prompt")" = "pa ss'\\"\\$w%d" ] || { echo "sudo: 1 incorrect password attempt" >&2; exit 1; }
                exec "$@"
                """);
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    @Test
    void thePasswordReachesSudoWithoutAnythingExecutedFromTheTemporaryFolder() throws Exception {
        Path bin = fakeSudo();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String[] sent = new String[1];
        Connection host = new Connection() {
            final LocalConnection local = new LocalConnection();

            @Override
            public ExecResult exec(Command c) {
                sent[0] = c.line();
                return local.exec(new Command("export PATH='" + bin + "':$PATH TMPDIR='" + tmp + "'; " + c.line(),
                        c.stdin(), c.readOnly(), c.shared()));
            }

            @Override
            public void close() {
                local.close();
            }
        };
        try (Become become = new Become(host, "root", "pa ss'\"$w%d")) {
            ExecResult r = become.exec(Command.change("cat", "the command's own input\n"));
            assertEquals(0, r.rc(), r.stderr());
            assertEquals("the command's own input\n", r.stdout());
        }
        assertFalse(sent[0].contains("pa ss"), "the password is never on the command line");
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the password's folder is removed");
        }
    }
}
