package io.gplay.modules.dev;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;

/**
 * The npm commands of the npm module, built as community.general's Npm builds them: the subcommand, the flags the
 * task sets (--production only for install, update and ci), then the package after {@code --}; run in path, which
 * an install creates when missing.
 */
final class NpmCli {
    private final ModuleContext ctx;
    private final List<String> npm;
    private final String path;

    NpmCli(ModuleContext ctx) {
        this.ctx = ctx;
        this.npm = ctx.has("executable") ? List.of(ctx.str("executable").split(" ")) : List.of("npm");
        this.path = ctx.str("path");
    }

    /** npm SUBCOMMAND [its options] [the task's flags] [-- PKG]. */
    Cmd cmd(List<String> command, String pkg) {
        String subcommand = command.get(0);
        List<String> args = new ArrayList<>(command);
        if (ctx.bool("global")) {
            args.add("--global");
        }
        if (ctx.bool("production") && List.of("install", "update", "ci").contains(subcommand)) {
            args.add("--production");
        }
        for (String flag : List.of("ignoreScripts", "unsafePerm", "noOptional", "noBinLinks", "force")) {
            if (ctx.bool(flag)) {
                args.add("--" + flag.replaceAll("([A-Z])", "-$1").toLowerCase());
            }
        }
        if (ctx.has("registry")) {
            args.addAll(List.of("--registry", ctx.str("registry")));
        }
        if (pkg != null) {
            args.addAll(List.of("--", pkg));
        }
        Cmd run = Cmd.of("env", "LC_ALL=C", "NO_COLOR=1", "npm_config_update_notifier=false", "npm_config_fund=false").args(npm).args(args);
        return path == null ? run : Cmd.of("cd", path).and(run);
    }

    /** A read: in a path not there yet there is nothing installed, so it is not asked. */
    ExecResult read(List<String> command, String pkg) {
        if (path != null && !ctx.stat(path, false).exists()) {
            return new ExecResult(0, "", "");
        }
        return ctx.probe(cmd(command, pkg));
    }

    void change(String subcommand, String pkg) {
        Cmd c = cmd(List.of(subcommand), pkg);
        ctx.change(path == null ? c : Cmd.of("mkdir", "-p", "--", path).and(c));
    }
}
