package io.gplay.modules.dev;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.shell.ShellWords;

import java.util.ArrayList;
import java.util.List;

/** The pip module's virtualenv, made with virtualenvCommand as Ansible's setup_virtualenv makes it. */
final class PipVirtualenv {
    private final ModuleContext ctx;
    private final String env;

    PipVirtualenv(ModuleContext ctx, String env) {
        this.ctx = ctx;
        this.env = env;
    }

    void create() throws Exception {
        String command = ctx.str("virtualenvCommand");
        List<String> words = new ArrayList<>(ShellWords.splitAsShlex(command));
        if (words.isEmpty() || words.get(0).startsWith("-") || words.get(0).contains("=")) {
            ctx.fail("virtualenvCommand '" + command + "' names no program to run");
        }
        if (ctx.bool("virtualenvSitePackages")) {
            words.add("--system-site-packages");
        }
        if (!isVenv(words)) {
            if (ctx.has("virtualenvPython")) {
                words.add("-p" + ctx.str("virtualenvPython"));
            }
        } else if (ctx.has("virtualenvPython")) {
            ctx.fail("virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command");
        }
        words.add(env);
        String chdir = ctx.has("chdir") ? ctx.str("chdir") : "/tmp";
        ctx.converge("create the virtualenv " + env + " (" + command + ")",
                () -> ctx.change(Cmd.of("cd", chdir).and(Cmd.of("env", "LC_ALL=C").args(words))));
        ctx.predictState("virtualenv:" + env, "present");
    }

    /** Ansible's _is_venv_command: pyvenv, or python -m venv, takes no -p. */
    private static boolean isVenv(List<String> words) {
        if (words.get(0).equals("pyvenv")) {
            return true;
        }
        int m = words.indexOf("-m");
        return m >= 0 && m + 1 < words.size() && words.get(m + 1).equals("venv");
    }
}
