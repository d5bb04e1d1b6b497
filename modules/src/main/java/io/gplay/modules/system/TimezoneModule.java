package io.gplay.modules.system;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.util.List;

/**
 * The host's time zone, as community.general's timezone module sets it on Linux: timedatectl where systemd
 * runs; else the /etc/localtime link to the zone's file, and /etc/timezone where the host keeps one (Debian).
 */
public final class TimezoneModule implements Module {
    private static final String ZONES = "/usr/share/zoneinfo/";

    private static final ModuleSpec SPEC = new ModuleSpec("timezone", "Sets the host's time zone (timedatectl, or the /etc/localtime link).")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the zone, as named under /usr/share/zoneinfo (Europe/Paris, Etc/UTC)"))
            .param(Param.choice("use", null, List.of("timedatectl", "localtime"), "how: timedatectl, or the /etc/localtime link"
                    + " (and /etc/timezone where there is one); by default timedatectl where systemd is the service manager"))
            .checkMode("predicts from timedatectl status or the /etc/localtime link; later tasks of the check run see the zone it would set")
            .notes("A zone the host has no file of (/usr/share/zoneinfo/NAME) fails the task before anything changes, as in"
                    + " Ansible (\"given timezone is not available\"). The diff is Ansible's (name: OLD, name: NEW).")
            .leavesOut("hwclock", "not built: whether the hardware clock keeps UTC is left as it is (timedatectl set-local-rtc)")
            .example("timezone 'Europe/Paris'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        if (!name.matches("[A-Za-z0-9_+][A-Za-z0-9_+-]*(/[A-Za-z0-9_+][A-Za-z0-9_+-]*)*")) {
            ctx.fail("name '" + name + "' is no time zone name (Area/City, as under " + ZONES + ")");
        }
        RemoteFile zone = ctx.stat(ZONES + name, false);
        if (!zone.exists() || zone.type().equals("directory")) {
            ctx.fail("given timezone \"" + name + "\" is not available: the host has no " + ZONES + name);
        }
        boolean timedatectl = ctx.has("use") ? ctx.str("use").equals("timedatectl") : ctx.fact("serviceMgr").equals("systemd");
        String predicted = ctx.predictedState("timezone");
        String now = predicted != null ? predicted : timedatectl ? fromStatus(ctx) : fromLink(ctx);
        if (!now.equals(name)) {
            Cmd set = timedatectl ? Cmd.of("timedatectl", "set-timezone", "--", name)
                    : Cmd.of("ln", "-sfn", "--", ZONES + name, "/etc/localtime");
            ctx.converge("set the time zone to " + name, new Diff("timezone", "name: " + now + "\n", "name: " + name + "\n"),
                    () -> ctx.change(set));
        }
        if (!timedatectl) {
            RemoteFile debian = ctx.stat("/etc/timezone");
            if (debian.isFile() && !debian.content().strip().equals(name)) {
                FileContent.ensure(ctx, "/etc/timezone", name + "\n", false);
            }
        }
        ctx.predictState("timezone", name);
    }

    /** timedatectl status's "Time zone: Europe/Paris (CET, +0100)" (systemd 219 and later). */
    private static String fromStatus(ModuleContext ctx) {
        return ctx.read(Cmd.of("timedatectl", "status")).lines().map(String::strip).filter(l -> l.startsWith("Time zone:"))
                .map(l -> l.substring("Time zone:".length()).strip().split("\\s+")[0]).findFirst().orElse("");
    }

    /** The zone /etc/localtime links to; "" where it is a copy or missing. */
    private static String fromLink(ModuleContext ctx) {
        RemoteFile link = ctx.stat("/etc/localtime", false);
        String target = link.linkTarget() == null ? "" : link.linkTarget();
        int at = target.indexOf("zoneinfo/");
        return at < 0 ? "" : target.substring(at + "zoneinfo/".length());
    }
}
