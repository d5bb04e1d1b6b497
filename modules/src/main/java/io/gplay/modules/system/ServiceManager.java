package io.gplay.modules.system;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.shell.Cmd;

/**
 * Starting, stopping and enabling services on systemd and on SysV init ({@code service} and {@code chkconfig}
 * on RHEL/CentOS 6, {@code update-rc.d} on Debian), chosen from the host's facts.
 */
public final class ServiceManager {
    /** The state a package task predicts in a check run when it would install packages. */
    public static final String PACKAGES_INSTALLED = "packages:installed";

    private final ModuleContext ctx;
    private final boolean systemd;

    public ServiceManager(ModuleContext ctx, String manager) {
        this.ctx = ctx;
        this.systemd = (manager != null ? manager : ctx.fact("serviceMgr")).equals("systemd");
    }

    public boolean systemd() {
        return systemd;
    }

    public boolean running(String name) {
        return ctx.probe(systemd ? Cmd.of("systemctl", "is-active", "--quiet", "--", name)
                : Cmd.of("service", name, "status")).ok();
    }

    public boolean enabled(String name) {
        if (systemd) {
            return ctx.probe(Cmd.of("systemctl", "is-enabled", "--quiet", "--", name)).ok();
        }
        if (ctx.hasProgram("chkconfig")) {
            return ctx.probe(Cmd.of("chkconfig", "--list", name)).stdout().contains(":on");
        }
        return ctx.probe(Cmd.of("sh", "-c", "ls /etc/rc[2345].d/S*\"$1\" >/dev/null 2>&1", "enabled", name)).ok();
    }

    /**
     * Fails the task when neither systemd nor an init script knows the service (a misspelt name), as Ansible's
     * service and systemd modules do ("Could not find the requested service NAME: host"): stopping or disabling
     * it would otherwise be reported ok, and do nothing. An init script counts on systemd too, as there
     * (ansible c9ac477, lib/ansible/modules/systemd_service.py:416,476; on SysV init service.py:478-481,532-533).
     * In a check run a service that an earlier task would install (a package, its unit file or init script)
     * is taken as coming, so the run predicts what the real one does.
     */
    public void requireKnown(String name) {
        if (systemd && SystemdUnit.known(ctx, name) || initScript(name)) {
            return;
        }
        if (ctx.checkMode() && (ctx.predictedState(PACKAGES_INSTALLED) != null
                || ctx.stat("/etc/systemd/system/" + SystemdUnit.fullName(name), false).exists())) {
            return;
        }
        ctx.fail("Could not find the requested service " + name + ": host " + ctx.host().name() + " has "
                + (systemd ? "no systemd unit " + SystemdUnit.fullName(name) + " (LoadState=not-found) and " : "")
                + "no /etc/init.d/" + name + " (is the name right, and its package installed?)");
    }

    /** An init script, or in a check run one an earlier task would write. */
    private boolean initScript(String name) {
        return ctx.stat("/etc/init.d/" + name, false).exists();
    }

    /** The command for start, stop, restart or reload. */
    public Cmd action(String action, String name) {
        return systemd ? Cmd.of("systemctl", action, "--", name) : Cmd.of("service", name, action);
    }

    public Cmd enable(String name, boolean on) {
        if (systemd) {
            return Cmd.of("systemctl", on ? "enable" : "disable", "--quiet", "--", name);
        }
        if (ctx.hasProgram("chkconfig")) {
            return Cmd.of("chkconfig", name, on ? "on" : "off");
        }
        // "defaults" makes the runlevel links of a script never installed; enable/disable then flips them
        return Cmd.of("update-rc.d", name, "defaults").and(Cmd.of("update-rc.d", name, on ? "enable" : "disable"));
    }

    /**
     * Runs start, stop, restart or reload. When it fails on systemd, the failure carries the unit's last journal
     * lines: systemctl itself only says "see journalctl", and by the time a user looks the host may have moved on.
     */
    public void act(String action, String name) {
        try {
            ctx.change(action(action, name));
        } catch (ModuleFailure e) {
            String journal = systemd
                    ? ctx.probe(Cmd.of("journalctl", "--no-pager", "-n", "12", "-o", "short-precise", "-u", name)).stdout().strip()
                    : "";
            if (journal.isEmpty()) {
                throw e;
            }
            throw new ModuleFailure(e.getMessage() + "\n" + journal);
        }
    }

    /** Starts or stops; in check mode, from the state an earlier task of the run would have left. */
    public void ensureRunning(String name, boolean running) throws Exception {
        String predicted = ctx.predictedState("service:" + name);
        boolean now = predicted != null ? predicted.equals("running") : running(name);
        if (now != running) {
            String action = running ? "start" : "stop";
            ctx.converge(action + " " + name, () -> act(action, name));
        }
        ctx.predictState("service:" + name, running ? "running" : "stopped");
    }
}
