package io.gplay.modules.dev;

import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;

/**
 * The pip program the pip module runs, as Ansible's _get_pip picks it: the virtualenv's pip3 (or pip), the
 * executable given, or {@code python3 -m pip}; run in chdir (Ansible's default, the temporary folder), in the C
 * locale, with the virtualenv's bin first on PATH so that a build finds its programs.
 */
final class PipCommand {
    private final List<String> pip;
    private final String venvBin;
    private final String chdir;
    private final boolean breakSystemPackages;

    PipCommand(List<String> pip, String venvBin, String chdir, boolean breakSystemPackages) {
        this.pip = pip;
        this.venvBin = venvBin;
        this.chdir = chdir;
        this.breakSystemPackages = breakSystemPackages;
    }

    /** pip with these arguments; {@code --} goes in the arguments before values that could read as options. */
    Cmd cmd(List<String> args) {
        Cmd env = Cmd.of("env", "LC_ALL=C", "PIP_DISABLE_PIP_VERSION_CHECK=1");
        if (venvBin != null) {
            env.raw("PATH=" + Cmd.quote(venvBin) + ":\"$PATH\"");
        }
        if (breakSystemPackages) {
            env.raw("PIP_BREAK_SYSTEM_PACKAGES=1"); // a variable rather than the option, which pip before 23.0.1 lacks (as Ansible)
        }
        return Cmd.of("cd", chdir).and(env.args(pip).args(args));
    }

    /** The command as the result's cmd shows it: pip and its arguments. */
    String shown(List<String> args) {
        List<String> all = new ArrayList<>(pip);
        all.addAll(args);
        return String.join(" ", all.stream().map(Cmd::quote).toList());
    }
}
