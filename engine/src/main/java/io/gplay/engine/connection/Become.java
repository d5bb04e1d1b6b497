package io.gplay.engine.connection;

import io.gplay.engine.shell.Cmd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs every command through {@code sudo} as another user (root by default); standard input passes through.
 * Without a password {@code sudo -n}, which fails at once where sudo would ask for one. With a password
 * ({@code ansible_become_password}, {@code --ask-become-pass}) the password never is on a command line: it is
 * the first line of the command's standard input, read there by the shell's own {@code read} (no process, so
 * no argv) into a file of mode 0600 in a private directory, removed when the command ends. {@code sudo -A}
 * gets it from {@code cat} as its askpass program, the file's path as the prompt: nothing is executed from the
 * temporary folder, which hardened hosts mount noexec. The rest of standard input is the command's, and a
 * wrong password can never take it for another try, as {@code sudo -S} would; sudo asks three times and
 * fails, and that failure is named.
 */
public final class Become implements Connection {
    /** What sudo prints when the password was refused: "sudo: 3 incorrect password attempts". */
    private static final String REFUSED = "incorrect password attempt";

    private final Connection inner;
    private final String user;
    private final String password;

    public Become(Connection inner, String user) {
        this(inner, user, null);
    }

    /** {@code password}: sudo's password of the login user, or null when sudo needs none. */
    public Become(Connection inner, String user, String password) {
        if (password != null && (password.contains("\n") || password.contains("\r"))) {
            throw new IllegalArgumentException("the become password holds a line break, which sudo cannot read");
        }
        this.inner = inner;
        this.user = user;
        this.password = password;
    }

    @Override
    public ExecResult exec(Command command) {
        if (password == null) {
            String line = Cmd.of("sudo", "-n", "-H", "-u", user, "--", "sh", "-c", command.line()).toString();
            return inner.exec(command.withLine(line));
        }
        // -p: the prompt, which sudo -A gives its askpass program as its one argument; with cat as that program,
        // the prompt is the password file's path (a % in it doubled, as sudo expands %-escapes in a prompt)
        Cmd sudo = Cmd.of("sudo", "-A", "-p").raw("\"$q\"").raw("-H").arg("-u").arg(user).raw("--")
                .arg("sh").arg("-c").arg(command.line());
        String line = "umask 077; d=$(mktemp -d) || exit 1; trap 'rm -rf \"$d\"' EXIT; trap 'exit 1' HUP INT TERM PIPE;"
                + " IFS= read -r p; printf '%s\\n' \"$p\" > \"$d/p\"; p=;"
                + " a=$(command -v cat) || exit 1; q=$(printf '%s' \"$d/p\" | sed 's/%/%%/g');"
                + " SUDO_ASKPASS=\"$a\" " + sudo;
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes((password + "\n").getBytes(StandardCharsets.UTF_8));
        if (command.stdin() != null) {
            in.writeBytes(command.stdin());
        }
        ExecResult r = inner.exec(new Command(line, in.toByteArray(), command.readOnly(), command.shared()));
        if (r.rc() != 0 && r.stderr().lines().anyMatch(l -> l.startsWith("sudo: ") && l.contains(REFUSED))) {
            throw new IllegalStateException("sudo refused the become password for becoming " + user
                    + " (ansible_become_password or --ask-become-pass is wrong for the login user)");
        }
        return r;
    }

    @Override
    public void close() {
        inner.close();
    }
}
