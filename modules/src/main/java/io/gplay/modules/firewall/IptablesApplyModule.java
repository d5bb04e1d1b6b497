package io.gplay.modules.firewall;

import io.gplay.modules.system.ServiceManager;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.HostText;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies the rules file like iptables-apply: the old rules come back by themselves unless a new connection to
 * the host succeeds after the change.
 */
public final class IptablesApplyModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("iptablesApply", "Applies the firewall rules file safely, like iptables-apply: the previous rules are restored unless a new SSH connection succeeds within the timeout.")
            .param(Param.optional("path", ParamType.STRING, null,
                    "the rules file; default " + IptablesRules.REDHAT_PATH + " on RedHat hosts, /etc/iptables/rules.v4 elsewhere"))
            .param(Param.choice("method", "auto", List.of("auto", "service", "restore"),
                    "service: service iptables restart (it loads " + IptablesRules.REDHAT_PATH + "); restore: "
                            + "iptables-restore < path; auto: service when the host has an iptables service and path "
                            + "is its file, else restore"))
            .param(Param.optional("timeout", ParamType.INT, 30,
                    "seconds after which the host restores the previous rules unless a new connection succeeded"))
            .checkMode("reports 'would apply' unless the live rules already match the file; runs only read-only probes")
            .notes("Before applying, the live rules are saved under /run and a detached process on the host "
                    + "(setsid nohup) is armed to restore them after timeout seconds. After applying, gplay opens a new "
                    + "connection to the host: when it succeeds the rollback is cancelled (changed); when it fails the "
                    + "rollback is left to run, and the task fails once the previous rules are back. The live rules are "
                    + "compared with the file (loaded into a throwaway network namespace with unshare -n, counters and "
                    + "comments ignored): when they already match, nothing is applied. Only tables named in the file "
                    + "are compared and replaced. The timeout must leave time for a new SSH login.")
            .returns("path", "string", "success", "the rules file", "/etc/sysconfig/iptables")
            .returns("matched", "bool", "success", "whether the live rules already matched the file, so nothing was applied", "false")
            .returns("method", "string", "when the rules are applied (in check mode: would be)", "service or restore: how they are applied", "restore")
            .example("handlers { iptablesApply 'restart the firewall', timeout: 30 }")
            .example("iptablesApply 'load the rules', path: '/etc/iptables/rules.v4', method: 'restore', timeout: 20");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = IptablesRules.path(ctx);
        int timeout = ctx.integer("timeout");
        ctx.set("path", path);
        if (timeout < 1) {
            ctx.fail("timeout must be at least 1 second");
        }
        RemoteFile file = ctx.stat(path);
        if (!file.isFile()) {
            ctx.fail(path + " does not exist; write it with the iptables module first");
        }
        ctx.requireProgram("iptables-save", "install iptables");
        ctx.requireProgram("iptables-restore", "install iptables");
        Map<String, List<String>> live = IptablesRules.tables(ctx.read(Cmd.of("iptables-save")));
        Map<String, List<String>> wanted = canonical(ctx, file.content());
        boolean matched = wanted != null && live.entrySet().containsAll(wanted.entrySet());
        ctx.set("matched", matched);
        if (matched) {
            ctx.msg("the live rules already match " + path);
            return;
        }
        Cmd apply = applyCommand(ctx, path);
        String what = "apply " + path + " (rolled back unless a new connection succeeds within " + timeout + "s)";
        ModuleContext.Action action = () -> applySafely(ctx, apply, path, timeout);
        if (wanted == null) {
            ctx.converge(what, action);
        } else {
            ctx.converge(what, new Diff("live rules", text(wanted.keySet(), live), text(wanted.keySet(), wanted)), action);
        }
        if (ctx.checkMode()) {
            ctx.msg("would " + what);
        }
    }

    /**
     * The file as iptables-save would print it once loaded, found by loading it into a throwaway network namespace
     * that vanishes with the command (nothing on the host changes); null when that cannot be done here.
     */
    private static Map<String, List<String>> canonical(ModuleContext ctx, String content) {
        ExecResult r = ctx.probe(Cmd.of("unshare", "-n", "sh", "-c", "iptables-restore && iptables-save"),
                HostText.encode(content));
        return r.ok() ? IptablesRules.tables(r.stdout()) : null;
    }

    private static String text(Iterable<String> names, Map<String, List<String>> tables) {
        StringBuilder s = new StringBuilder();
        for (String t : names) {
            if (tables.containsKey(t)) {
                s.append('*').append(t).append('\n').append(tables.get(t).stream().collect(Collectors.joining("\n", "", "\n")));
            }
        }
        return s.toString();
    }

    private static Cmd applyCommand(ModuleContext ctx, String path) {
        String method = ctx.str("method");
        boolean service = method.equals("service") || method.equals("auto") && path.equals(IptablesRules.REDHAT_PATH)
                && ctx.probe(Cmd.of("sh", "-c", "[ -x /etc/init.d/iptables ] || systemctl cat iptables.service >/dev/null 2>&1")).ok();
        ctx.set("method", service ? "service" : "restore");
        return service ? new ServiceManager(ctx, null).action("restart", "iptables")
                : Cmd.of("iptables-restore").raw("<").arg(path);
    }

    private static void applySafely(ModuleContext ctx, Cmd apply, String path, int timeout) throws Exception {
        IptablesRollback rollback = IptablesRollback.arm(ctx, timeout);
        ExecResult r = ctx.attempt(apply, null);
        if (!r.ok()) {
            rollback.restoreNow();
            ctx.fail("applying " + path + " failed, the previous rules are back: " + apply + ": " + r.reason());
        }
        boolean reachable = ctx.reachableAnew();
        if (reachable && rollback.cancel()) {
            return;
        }
        String restored = restored(rollback.awaitRestored(timeout), timeout);
        ctx.fail(reachable
                ? "the previous rules " + restored + ", before a new connection to " + ctx.host().name()
                        + " was confirmed; raise timeout"
                : "the new rules cut new SSH connections to " + ctx.host().name() + "; the previous rules " + restored);
    }

    private static String restored(String problem, int timeout) {
        return problem == null ? "were restored after " + timeout + "s"
                : "should have been restored after " + timeout + "s, but " + problem;
    }
}
