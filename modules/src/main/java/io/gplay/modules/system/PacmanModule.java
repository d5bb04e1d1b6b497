package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.shell.ShellWords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arch Linux's packages with pacman, decided as community.general's pacman (plugins/modules/pacman.py): what is
 * installed and upgradable read from pacman --query, what a change would do from pacman's own dry run
 * (--print-format), groups expanded to their packages, a package file or URL installed with --upgrade.
 */
public final class PacmanModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("pacman", "Installs, upgrades or removes Arch Linux packages with pacman, as community.general's pacman.")
            .primary("name")
            .param(Param.optional("name", ParamType.LIST, null, "packages or groups, as pacman names them (a repo/name, a package file or its URL too)"))
            .param(Param.choice("state", "present", List.of("present", "installed", "latest", "absent", "removed"),
                    "present (installed): there; latest: there and upgraded when the sync databases have newer; absent (removed): gone"))
            .param(Param.optional("updateCache", ParamType.BOOL, null, "refresh the sync databases first (pacman --sync --refresh); changed when what they list changed"))
            .param(Param.optional("updateCacheExtraArgs", ParamType.STRING, "", "more arguments for the refresh, as a shell would split them"))
            .param(Param.optional("upgrade", ParamType.BOOL, null, "upgrade every package that has a newer version (pacman --sync --sysupgrade)"))
            .param(Param.optional("upgradeExtraArgs", ParamType.STRING, "", "more arguments for the upgrade"))
            .param(Param.optional("extraArgs", ParamType.STRING, "", "more arguments for installs and removals"))
            .param(Param.optional("force", ParamType.BOOL, false, "removal ignores what depends on the package (--nodeps --nodeps); the refresh downloads every database again"))
            .param(Param.optional("removeNosave", ParamType.BOOL, false, "removal deletes the configuration files pacman would keep as .pacsave (--nosave)"))
            .param(Param.optional("executable", ParamType.STRING, "pacman", "the program, pacman or a helper that takes its options (yay, paru)"))
            .oneOf("name", "updateCache", "upgrade")
            .exclusive("name", "upgrade")
            .leavesOut("reason, reason_for", "set a package's install reason with command: pacman --database --asdeps NAME")
            .checkMode("predicts installs, upgrades and removals from pacman's dry run (--print-format); a refresh is predicted as a change, as in"
                    + " Ansible: what it would bring is not known before it runs")
            .returns("packages", "list", "success", "the packages installed, upgraded or removed", "[gplay-demo]")
            .returns("cache_updated", "bool", "when updateCache is given", "whether the sync databases changed", "true")
            .returns("stdout", "string", "when pacman changed something", "what it printed", "upgrading gplay-demo...")
            .returns("stderr", "string", "when pacman changed something", "its warnings", "")
            .example("pacman 'nginx', updateCache: true")
            .example("pacman upgrade: true, updateCache: true")
            .example("pacman 'base-devel', state: 'latest'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String exe = ctx.str("executable");
        if (exe.startsWith("-") || exe.contains("=")) {
            ctx.fail("executable '" + exe + "' is no program: give pacman, yay or a path");
        }
        ctx.requireProgram(exe, "Arch's pacman");
        ctx.set("packages", List.of());
        // each step says why it changed nothing (null: it changed something); the reasons are the message of a run with no change
        List<String> why = new ArrayList<>();
        if (ctx.bool("updateCache")) {
            why.add(refresh(ctx, exe));
        }
        PacmanInventory inv = new PacmanInventory(ctx, exe);
        if (ctx.bool("upgrade")) {
            why.add(upgrade(ctx, exe, inv));
        }
        if (!ctx.list("name").isEmpty()) {
            String state = ctx.str("state");
            why.add(state.equals("absent") || state.equals("removed") ? remove(ctx, exe, inv) : install(ctx, exe, inv, state.equals("latest")));
        }
        if (!why.contains(null)) {
            ctx.msg("nothing to do: " + String.join("; ", why));
        }
    }

    private static String refresh(ModuleContext ctx, String exe) throws Exception {
        Cmd cmd = pacman(exe, "--sync", "--refresh").args(words(ctx, "updateCacheExtraArgs"));
        Cmd run = ctx.bool("force") ? cmd.raw("--refresh") : cmd;
        if (ctx.checkMode()) {
            ctx.converge("refresh the sync databases", () -> { });
            ctx.set("cache_updated", true);
            return null;
        }
        // as Ansible: changed when the databases list other packages or versions after the refresh (always with force)
        String before = ctx.read(pacman(exe, "--sync", "--list"));
        ctx.change(run);
        boolean updated = ctx.bool("force") || !before.equals(ctx.read(pacman(exe, "--sync", "--list")));
        ctx.set("cache_updated", updated);
        if (updated) {
            ctx.converge("refresh the sync databases", () -> { }); // the refresh ran above: this records its change
            return null;
        }
        return "the sync databases list nothing new";
    }

    private static String upgrade(ModuleContext ctx, String exe, PacmanInventory inv) throws Exception {
        Map<String, String[]> up = inv.upgradable();
        if (up.isEmpty()) {
            return "no package has a newer version in the sync databases";
        }
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        up.forEach((name, v) -> {
            before.append(name).append('-').append(v[0]).append('\n');
            after.append(name).append('-').append(v[1]).append('\n');
        });
        ctx.set("packages", List.copyOf(up.keySet()));
        Cmd cmd = pacman(exe, "--sync", "--sysupgrade", "--quiet", "--noconfirm").args(words(ctx, "upgradeExtraArgs"));
        ctx.converge("upgrade " + String.join(", ", up.keySet()), new Diff("packages", before.toString(), after.toString()), () -> output(ctx, ctx.change(cmd)));
        return null;
    }

    private static String install(ModuleContext ctx, String exe, PacmanInventory inv, boolean latest) throws Exception {
        List<String> sync = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String pkg : inv.expand(names(ctx))) {
            if (inv.isFile(pkg)) {
                files.add(pkg); // pacman's dry run decides whether a file's package is there
            } else if (!inv.installed().containsKey(inv.name(pkg)) || latest && inv.upgradable().containsKey(pkg)) {
                sync.add(pkg);
            }
        }
        Map<String, String> coming = new LinkedHashMap<>();
        for (List<String> todo : List.of(sync, files)) {
            if (!todo.isEmpty()) {
                String verb = todo == sync ? "--sync" : "--upgrade";
                ExecResult dry = ctx.probe(installing(ctx, exe).raw(verb).raw("--print-format").raw("'%n %v'").raw("--").args(todo));
                if (!dry.ok()) {
                    ctx.fail("pacman cannot install " + String.join(", ", todo) + ": " + dry.reason());
                }
                for (String line : dry.stdout().split("\n")) {
                    String[] f = line.strip().split(" ");
                    if (f.length == 2 && !line.contains("loading packages") && !line.contains("nothing to do")) {
                        coming.put(f[0], f[1]);
                    }
                }
            }
        }
        if (coming.isEmpty()) {
            return String.join(", ", names(ctx)) + (latest ? " installed, at the sync databases' version" : " installed");
        }
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        List<String> said = new ArrayList<>();
        coming.forEach((name, version) -> {
            String now = inv.installed().get(name);
            before.append(now == null ? "" : name + "-" + now + "\n");
            after.append(name).append('-').append(version).append('\n');
            said.add(name + " " + (now == null ? version : now + " -> " + version));
        });
        ctx.set("packages", List.copyOf(coming.keySet()));
        ctx.converge("install " + String.join(", ", said), new Diff("packages", before.toString(), after.toString()), () -> {
            if (!sync.isEmpty()) {
                output(ctx, ctx.change(installing(ctx, exe).raw("--sync").raw("--").args(sync)));
            }
            if (!files.isEmpty()) {
                output(ctx, ctx.change(installing(ctx, exe).raw("--upgrade").raw("--").args(files)));
            }
        });
        ctx.predictState(ServiceManager.PACKAGES_INSTALLED, "yes");
        return null;
    }

    private static String remove(ModuleContext ctx, String exe, PacmanInventory inv) throws Exception {
        List<String> there = inv.expand(names(ctx)).stream().map(inv::name).filter(inv.installed()::containsKey).toList();
        if (there.isEmpty()) {
            return String.join(", ", names(ctx)) + " not installed";
        }
        // what pacman would remove, with what depends on them when extraArgs asks (--recursive, --cascade)
        List<String> gone = List.of(ctx.read(removing(ctx, exe).raw("--print-format").raw("'%n-%v'").raw("--").args(there)).strip().split("\\s+"));
        Cmd run = (ctx.bool("removeNosave") ? removing(ctx, exe).raw("--nosave") : removing(ctx, exe)).raw("--").args(there);
        ctx.set("packages", gone);
        ctx.converge("remove " + String.join(", ", gone), new Diff("packages", String.join("\n", gone) + "\n", ""), () -> output(ctx, ctx.change(run)));
        return null;
    }

    /** The program with pacman's literal options, its messages in English, as they are parsed. */
    static Cmd pacman(String exe, String... options) {
        Cmd cmd = Cmd.of("env", "LC_ALL=C").arg(exe);
        for (String o : options) {
            cmd = cmd.raw(o);
        }
        return cmd;
    }

    /** A new command line each time: a Cmd grows as it is added to. */
    private static Cmd installing(ModuleContext ctx, String exe) {
        return pacman(exe, "--noconfirm", "--noprogressbar", "--needed").args(words(ctx, "extraArgs"));
    }

    private static Cmd removing(ModuleContext ctx, String exe) {
        Cmd cmd = pacman(exe, "--remove", "--noconfirm", "--noprogressbar").args(words(ctx, "extraArgs"));
        return ctx.bool("force") ? cmd.raw("--nodeps").raw("--nodeps") : cmd;
    }

    private static List<String> names(ModuleContext ctx) {
        List<String> names = ctx.list("name").stream().map(o -> o.toString().strip()).filter(s -> !s.isEmpty()).toList();
        for (String n : names) {
            if (n.startsWith("-")) {
                ctx.fail("'" + n + "' is no package: pass options in extraArgs");
            }
        }
        return names;
    }

    private static List<String> words(ModuleContext ctx, String param) {
        return ShellWords.splitAsShlex(ctx.str(param));
    }

    private static void output(ModuleContext ctx, ExecResult r) {
        ctx.set("stdout", r.stdout().stripTrailing());
        ctx.set("stderr", r.stderr().stripTrailing());
    }
}
