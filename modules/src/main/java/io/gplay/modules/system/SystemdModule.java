package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/**
 * Ansible's systemd (systemd_service): the service module on systemd, with masked, and daemonReload that says
 * changed only when systemd's view of the unit was stale. The decisions are the service module's own.
 */
public final class SystemdModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("systemd", "Starts, stops, enables, masks a systemd unit; reloads systemd's unit files.")
            .primary("name")
            .param(Param.optional("name", ParamType.STRING, null, "the unit (NAME is NAME.service); needed for all but daemonReload"))
            .param(Param.choice("state", null, List.of("started", "stopped", "restarted", "reloaded"),
                    "started/stopped change only what differs; restarted and reloaded always act (use them in handlers)"))
            .param(Param.optional("enabled", ParamType.BOOL, null, "start at boot"))
            .param(Param.optional("masked", ParamType.BOOL, null, "mask the unit (systemctl mask: it cannot be started at all) or unmask it"))
            .param(Param.optional("daemonReload", ParamType.BOOL, false, "first have systemd read its unit files again"
                    + " (daemon-reload), before masked, enabled and state; with name, only if the unit's file or a drop-in"
                    + " changed since systemd read them (NeedDaemonReload=yes), so it says ok when nothing changed"))
            .oneOf("name", "daemonReload")
            .checkMode("as the service module; masked is predicted from LoadState, and later tasks of the check run see the unit masked or not")
            .notes("Order as in Ansible: daemonReload, masked, enabled, state. A unit neither systemd nor an init script knows fails"
                    + " the task for enabled and state (\"Could not find the requested service NAME\"); masking it is allowed, as in"
                    + " Ansible. daemonReload without name cannot tell whether anything changed, so it reloads and says changed,"
                    + " as Ansible does. Ansible's systemd_service is this module.")
            .returns("name", "string", "when name is given", "the unit", "nginx")
            .returns("state", "string", "when state is given", "started or stopped: what the unit is after the task (restarted and reloaded leave it started)", "started")
            .returns("enabled", "bool", "when enabled is given", "whether it starts at boot after the task", "true")
            .leavesOut("daemon_reexec", "not built: use command: systemctl daemon-reexec")
            .leavesOut("scope", "only the system manager is managed (user and global units are not built)")
            .leavesOut("no_block", "not built: a start waits for the unit, as systemctl does by default")
            .leavesOut("force", "not built (systemctl --force for enable or mask over a unit file)")
            .example("systemd 'nginx', state: 'started', enabled: true, daemonReload: true")
            .example("systemd 'ctrl-alt-del.target', masked: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        if (name == null) {
            if (ctx.has("state") || ctx.has("enabled") || ctx.has("masked")) {
                ctx.fail("name is needed with state, enabled and masked (only daemonReload may go without it)");
            }
            ctx.converge("reload systemd's unit files", () -> ctx.change(Cmd.of("systemctl", "daemon-reload")));
            return;
        }
        ServiceModule.manage(ctx, new ServiceManager(ctx, "systemd"), name);
    }
}
