package io.gplay.modules.system;

import io.gplay.modules.Operand;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** Starts, stops, restarts, reloads and enables services on systemd or SysV init (service + chkconfig). */
public final class ServiceModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("service", "Manages a service on systemd or SysV init (service + chkconfig), chosen from facts.")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the service"))
            .param(Param.choice("state", null, List.of("started", "stopped", "restarted", "reloaded"),
                    "started/stopped change only what differs; restarted and reloaded always act (use them in handlers)"))
            .param(Param.optional("enabled", ParamType.BOOL, null, "start at boot"))
            .param(Param.choice("manager", null, List.of("systemd", "sysvinit"), "override the service manager found in facts"))
            .param(Param.optional("daemonReload", ParamType.BOOL, false, "first have systemd read its unit files again"
                    + " (systemctl daemon-reload) if the unit's file or a drop-in changed since systemd read them (systemctl show:"
                    + " NeedDaemonReload=yes), so it says changed only then; nothing under SysV init"))
            .oneOf("state", "enabled", "daemonReload")
            .checkMode("started/stopped/enabled are predicted from the service's state; restarted/reloaded are reported as changes; daemonReload is predicted from NeedDaemonReload and from the unit files and drop-ins earlier tasks would change")
            .notes("A service that neither systemd (systemctl show: LoadState=not-found) nor an /etc/init.d script "
                    + "knows fails the task, as in Ansible (\"Could not find the requested service NAME\"): a misspelt name "
                    + "is not reported ok. In a check run, a service an earlier task would install is taken as coming. "
                    + "When systemctl fails to start, stop, restart or reload a unit, the task's failure includes the unit's "
                    + "last journal lines, so the reason is in the run's output.")
            .leavesOut("pattern", "a service is known by its unit or init script, never by a process's name")
            .leavesOut("sleep", "restarted runs systemctl restart (or the script's restart), which waits itself")
            .leavesOut("arguments", "the unit's or script's own arguments are used")
            .leavesOut("runlevel", "enabled uses the default runlevels")
            .leavesOut("use", "say manager: systemd or sysvinit")
            .returns("name", "string", "success", "the service", "glusterd")
            .returns("state", "string", "when state is given", "started or stopped: what the service is after the task (restarted and reloaded leave it started)", "started")
            .returns("enabled", "bool", "when enabled is given", "whether it starts at boot after the task", "true")
            .example("service 'glusterd', state: 'started', enabled: true")
            .example("service 'restart glusterd', name: 'glusterd', state: 'restarted'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        ServiceManager sm = new ServiceManager(ctx, ctx.str("manager"));
        manage(ctx, sm, Operand.of(ctx, "name", ctx.str("name")));  // the SysV service script takes no --
    }

    /** daemonReload, enabled and state, in that order: what service and systemd share. */
    static void manage(ModuleContext ctx, ServiceManager sm, String name) throws Exception {
        String state = ctx.str("state");
        if (ctx.bool("daemonReload") && sm.systemd()) {
            // Ansible reloads whenever asked; here only when it changes what systemd knows, so changed means changed
            String why = SystemdUnit.reloadNeeded(ctx, name);
            if (why != null) {
                ctx.converge("reload systemd's unit files (" + why + ")",
                        () -> ctx.change(Cmd.of("systemctl", "daemon-reload")));
            }
        }
        if (ctx.has("masked")) {
            SystemdUnit.mask(ctx, name, ctx.bool("masked"));
        }
        if (ctx.has("enabled") || state != null) {
            sm.requireKnown(name);
        }
        ctx.set("name", name);
        if (ctx.has("enabled")) {
            boolean on = ctx.bool("enabled");
            if (sm.enabled(name) != on) {
                ctx.converge((on ? "enable " : "disable ") + name, () -> ctx.change(sm.enable(name, on)));
            }
            ctx.set("enabled", on);
        }
        if (state == null) {
            return;
        }
        switch (state) {
            case "started" -> sm.ensureRunning(name, true);
            case "stopped" -> sm.ensureRunning(name, false);
            case "restarted" -> {
                ctx.converge("restart " + name, () -> sm.act("restart", name));
                ctx.predictState("service:" + name, "running");
            }
            default -> ctx.converge("reload " + name, () -> sm.act("reload", name));
        }
        ctx.set("state", state.equals("stopped") ? "stopped" : "started");
    }
}
