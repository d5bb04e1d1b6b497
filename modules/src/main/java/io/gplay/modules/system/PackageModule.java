package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;

/** Installs or removes packages with the host's package manager (apt, yum or dnf, from facts). */
public final class PackageModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("package", "Installs or removes packages with apt, yum or dnf (chosen from facts). In the DSL: `packages`.")
            .dslName("packages")
            .primary("name")
            .param(Param.required("name", ParamType.LIST, "a package name or a list of them"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "installed or removed"))
            .param(Param.optional("manager", ParamType.STRING, null, "apt, yum or dnf; by default the one the host's facts name"))
            .leavesOut("use", "say manager: apt, yum or dnf")
            .leavesOut("state: latest", "present installs what is missing and upgrades nothing: upgrade with command")
            .returns("installed", "list", "success", "the packages named that were installed before the task", "[glusterfs-server]")
            .returns("packages", "list", "success", "the packages the task installs or removes (none: nothing to do)", "[ctdb]")
            .returns("stdout", "string", "when the package manager ran", "what it printed", "Setting up ctdb (4.17.12) ...")
            .returns("stderr", "string", "when the package manager ran", "its warnings", "")
            .example("packages 'glusterfs-server'")
            .example("packages 'nfs and ctdb', name: ['nfs-utils', 'ctdb']");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String mgr = ctx.has("manager") ? ctx.str("manager") : ctx.fact("pkgMgr");
        if (!List.of("apt", "yum", "dnf").contains(mgr)) {
            ctx.fail("no supported package manager on " + ctx.host().name() + " (facts say '" + mgr + "'; set manager:)");
        }
        boolean present = ctx.str("state").equals("present");
        List<String> todo = new ArrayList<>();
        List<String> installed = new ArrayList<>();
        for (Object o : ctx.list("name")) {
            String name = o.toString();
            boolean has = installed(ctx, mgr, name);
            if (has) {
                installed.add(name);
            }
            if (has != present) {
                todo.add(name);
            }
        }
        ctx.set("installed", installed);
        ctx.set("packages", todo);
        if (todo.isEmpty()) {
            return;
        }
        Cmd cmd = switch (mgr) {
            case "apt" -> Cmd.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", "-q",
                    present ? "install" : "remove").raw("--").args(todo);
            default -> Cmd.of(mgr, "-y", "-q", present ? "install" : "remove").raw("--").args(todo);
        };
        ctx.converge((present ? "install " : "remove ") + String.join(", ", todo), () -> {
            ExecResult r = ctx.change(cmd);
            ctx.set("stdout", r.stdout().stripTrailing());
            ctx.set("stderr", r.stderr().stripTrailing());
        });
        if (present) {
            // a service of these packages is then taken as coming by a later service task of the check run
            ctx.predictState(ServiceManager.PACKAGES_INSTALLED, "yes");
        }
    }

    private static boolean installed(ModuleContext ctx, String mgr, String name) {
        if (mgr.equals("apt")) {
            String status = ctx.probe(Cmd.of("dpkg-query", "-W", "-f=${Status}", "--", name)).stdout();
            return status.endsWith("install ok installed");
        }
        return ctx.probe(Cmd.of("rpm", "-q", "--whatprovides", "--", name)).ok();
    }
}
