package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.List;

/**
 * The package module's work on yum and dnf, as Ansible's yum and dnf modules decide it: installed per rpm (a
 * version as NAME-VERSION, which rpm -q reads), an upgrade when yum check-update lists one, enablerepo and
 * disablerepo on every yum or dnf command (disabled first, so --disablerepo='*' --enablerepo=epel works).
 */
final class RpmPackages {
    private final ModuleContext ctx;
    private final String mgr;

    RpmPackages(ModuleContext ctx, String mgr) {
        this.ctx = ctx;
        this.mgr = mgr;
    }

    void run() throws Exception {
        boolean expire = ctx.bool("updateCache") && !ctx.checkMode();
        if (expire) {
            // fresh metadata changes nothing on the host, as Ansible's yum and dnf report it
            ctx.change(base().raw(mgr.equals("yum") ? "clean" : "makecache").raw(mgr.equals("yum") ? "expire-cache" : "--refresh"));
        }
        ctx.set("cache_updated", expire);
        for (Object x : ctx.list("exclude")) {
            if (x.toString().isEmpty() || x.toString().startsWith("-")) {
                ctx.fail("exclude '" + x + "' is no package: give a name or a glob (kernel*)");
            }
        }
        String state = ctx.str("state");
        List<String> installed = new ArrayList<>();
        List<String> install = new ArrayList<>();
        List<String> upgrade = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> whyNot = new ArrayList<>();
        for (Object o : ctx.list("name")) {
            String spec = o.toString().strip();
            if (spec.isEmpty() || spec.startsWith("-")) {
                ctx.fail("'" + spec + "' is no package: give NAME or NAME-VERSION (nginx-1.22.1)");
            }
            boolean has = installed(spec);
            if (has) {
                installed.add(spec);
            }
            if (state.equals("absent")) {
                (has ? remove : whyNot).add(has ? spec : spec + " is not installed");
            } else if (!has) {
                install.add(spec);
            } else if (state.equals("latest") && hasUpdate(spec)) {
                upgrade.add(spec);
            } else {
                whyNot.add(spec + (state.equals("latest") ? " is installed, with no update (" + mgr + " check-update)" : " is installed"));
            }
        }
        ctx.set("installed", installed);
        List<String> todo = new ArrayList<>(install);
        todo.addAll(upgrade);
        todo.addAll(remove);
        ctx.set("packages", todo);
        change("remove", "remove", remove);
        change("install", "install", install);
        change("upgrade", mgr.equals("yum") ? "update" : "upgrade", upgrade);
        if (!install.isEmpty() || !upgrade.isEmpty()) {
            ctx.predictState(ServiceManager.PACKAGES_INSTALLED, "yes");
        }
        if (todo.isEmpty() && !whyNot.isEmpty()) {
            ctx.msg("nothing to do: " + String.join("; ", whyNot));
        }
    }

    private void change(String what, String verb, List<String> specs) throws Exception {
        if (specs.isEmpty()) {
            return;
        }
        Cmd cmd = base().raw("-y");
        if (!verb.equals("remove")) {
            cmd = excluding(cmd);
            if (ctx.bool("allowerasing")) {
                cmd = cmd.raw("--allowerasing");
            }
        }
        Cmd run = cmd.raw(verb).raw("--").args(specs);
        ctx.converge(what + " " + String.join(", ", specs), () -> {
            ExecResult r = ctx.change(run);
            ctx.set("stdout", r.stdout().stripTrailing());
            ctx.set("stderr", r.stderr().stripTrailing());
        });
    }

    /** yum or dnf, quiet, with the task's repositories. */
    private Cmd base() {
        Cmd cmd = Cmd.of("env", "LC_ALL=C", mgr, "-q");
        if (ctx.has("disablerepo")) {
            cmd = cmd.arg("--disablerepo=" + String.join(",", ctx.list("disablerepo").stream().map(Object::toString).toList()));
        }
        if (ctx.has("enablerepo")) {
            cmd = cmd.arg("--enablerepo=" + String.join(",", ctx.list("enablerepo").stream().map(Object::toString).toList()));
        }
        return cmd;
    }

    /** Ansible's exclude: --exclude=PKG per package, on installs, upgrades and their check-update. */
    private Cmd excluding(Cmd cmd) {
        for (Object x : ctx.list("exclude")) {
            cmd = cmd.arg("--exclude=" + x);
        }
        return cmd;
    }

    /** A package (NAME or NAME-VERSION) rpm has, or a capability one of its packages provides. */
    private boolean installed(String spec) {
        return ctx.probe(Cmd.of("rpm", "-q", "--", spec)).ok() || ctx.probe(Cmd.of("rpm", "-q", "--whatprovides", "--", spec)).ok();
    }

    /**
     * Whether check-update lists a newer version: it exits 100 with a line NAME.ARCH VERSION REPO per update, 0
     * with none, 1 on an error.
     */
    private boolean hasUpdate(String name) {
        // excluded as the upgrade will be, or an update it never takes would be a change on every run
        ExecResult r = ctx.probe(excluding(base()).raw("check-update").raw("--").arg(name));
        if (r.rc() == 0) {
            return false;
        }
        if (r.rc() != 100) {
            ctx.fail(mgr + " check-update " + name + ": " + r.reason());
        }
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].startsWith(name + ".")) {
                return true;
            }
        }
        return false;
    }
}
