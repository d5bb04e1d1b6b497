package io.gplay.modules.dev;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.shell.ShellWords;

import java.util.ArrayList;
import java.util.List;

/**
 * The git commands of the git module: every one in the C locale (its output is parsed), never prompting, with
 * the ssh command Ansible's module builds (BatchMode, the host key policy, the key file) in GIT_SSH_COMMAND,
 * each of its words quoted since git hands that variable to a shell.
 */
final class GitCli {
    private final ModuleContext ctx;
    private final String git;
    private final String sshCommand;

    GitCli(ModuleContext ctx) {
        this.ctx = ctx;
        this.git = ctx.has("executable") ? ctx.str("executable") : "git";
        this.sshCommand = sshCommand(ctx);
    }

    private static String sshCommand(ModuleContext ctx) {
        List<String> words = new ArrayList<>(List.of("ssh"));
        if (ctx.has("sshOpts")) {
            words.addAll(ShellWords.split(ctx.str("sshOpts")));
        }
        String joined = String.join(" ", words);
        if (ctx.bool("acceptHostkey") && !joined.contains("StrictHostKeyChecking=")) {
            words.addAll(List.of("-o", "StrictHostKeyChecking=no"));
        } else if (ctx.bool("acceptNewhostkey") && !joined.contains("StrictHostKeyChecking=")) {
            words.addAll(List.of("-o", "StrictHostKeyChecking=accept-new"));
        }
        if (!joined.contains("BatchMode=yes")) {
            words.addAll(List.of("-o", "BatchMode=yes"));
        }
        if (ctx.has("keyFile")) {
            words.addAll(List.of("-i", ctx.str("keyFile"), "-o", "IdentitiesOnly=yes"));
        }
        return String.join(" ", words.stream().map(Cmd::quote).toList());
    }

    /** git with the module's environment, run in {@code dir} (null: no repository yet). */
    Cmd git(String dir, Object... args) {
        Cmd c = Cmd.of("env", "LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_SSH_COMMAND=" + sshCommand).arg(git);
        if (dir != null) {
            c.raw("-C").arg(dir);
        }
        for (Object a : args) {
            c.arg(a);
        }
        return c;
    }

    /** A read that must succeed: its output, trimmed. */
    String read(String dir, Object... args) {
        ExecResult r = ctx.probe(git(dir, args));
        if (!r.ok()) {
            ctx.fail("git " + String.join(" ", java.util.Arrays.stream(args).map(String::valueOf).toList()) + ": " + r.reason());
        }
        return r.stdout().strip();
    }

    /** A read whose failure means "none" (an unknown ref, no such remote). */
    String readOrNull(String dir, Object... args) {
        ExecResult r = ctx.probe(git(dir, args));
        return r.ok() && !r.stdout().isBlank() ? r.stdout().strip() : null;
    }

    void change(String dir, Object... args) {
        ctx.change(git(dir, args));
    }
}
