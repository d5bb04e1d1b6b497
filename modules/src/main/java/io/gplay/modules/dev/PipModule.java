package io.gplay.modules.dev;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.ShellWords;
import io.gplay.modules.Operand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python packages through pip, as Ansible's pip module: in a virtualenv it creates when missing, or for a
 * python's pip. What would change is read before changing, in check mode as in a real run: installed versions
 * from {@code pip list --format=freeze} for state absent, and for present and latest what pip's own resolver
 * would install ({@code pip install --dry-run --report -}, pip 22.2 and later; before it, the list).
 */
public final class PipModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("pip", "Manages Python library dependencies.")
            .primary("name")
            .param(Param.optional("name", ParamType.LIST, null, "packages, each with a version specifier if wanted (django>1.11,<2), a URL or a path"))
            .param(Param.optional("version", ParamType.STRING, null, "the version of the one package of name (1.2, or a specifier: >=1.2)"))
            .param(Param.optional("requirements", ParamType.STRING, null, "a requirements file on the host, relative to chdir"))
            .param(Param.choice("state", "present", List.of("present", "absent", "latest", "forcereinstall"), "present, absent, latest (upgraded), or reinstalled every run"))
            .param(Param.optional("virtualenv", ParamType.PATH, null, "a virtualenv to install into, created when it lacks bin/activate"))
            .param(Param.optional("virtualenvCommand", ParamType.STRING, "virtualenv", "the command that creates it (python3 -m venv)"))
            .param(Param.optional("virtualenvSitePackages", ParamType.BOOL, false, "the virtualenv sees the global site-packages"))
            .param(Param.optional("virtualenvPython", ParamType.STRING, null, "the python of a virtualenv made by virtualenv (-p)"))
            .param(Param.optional("extraArgs", ParamType.STRING, null, "more options for pip, as words (--no-index --find-links /srv/wheels)"))
            .param(Param.optional("editable", ParamType.BOOL, false, "install in editable mode (-e)"))
            .param(Param.optional("chdir", ParamType.PATH, null, "the folder pip runs in (by default /tmp, as Ansible's temporary folder)"))
            .param(Param.optional("executable", ParamType.STRING, null, "the pip to run (pip3.11, /usr/local/bin/pip); by default python3 -m pip"))
            .param(Param.optional("breakSystemPackages", ParamType.BOOL, false, "let pip change an externally managed Python (PIP_BREAK_SYSTEM_PACKAGES)"))
            .oneOf("name", "requirements")
            .exclusive("name", "requirements")
            .exclusive("executable", "virtualenv")
            .checkMode("reads what would be installed or removed as a real run does (pip's dry run, pip list) and reports it; nothing is installed")
            .notes("Changed is decided before pip runs, from pip's dry run (present, latest), pip list (absent, and present before pip 22.2)"
                    + " or always (forcereinstall; latest and requirements before pip 22.2), so check mode says what a run does."
                    + " A name starting with '-' is refused: pip's options go in extraArgs.")
            .returns("cmd", "string", "success", "the pip command run (or that would run)", "pip3 install ansible six")
            .returns("name", "list", "success", "the packages of name as given (null with requirements)", "[ansible, six]")
            .returns("requirements", "string", "success, if a requirements file was provided", "the requirements file", "/srv/project/requirements.txt")
            .returns("version", "string", "success, if a name and version were provided", "the version given", "2.5.1")
            .returns("virtualenv", "string", "success, if a virtualenv path was provided", "the virtualenv", "/srv/venv")
            .leavesOut("umask", "not built: files get the login's umask")
            .example("pip name: ['django>1.11.1,<1.11.3', 'bottle'], virtualenv: '/srv/app/venv', virtualenvCommand: 'python3 -m venv'")
            .example("pip requirements: '/srv/app/requirements.txt', virtualenv: '/srv/app/venv', extraArgs: '--no-index --find-links /srv/wheels'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String state = ctx.str("state");
        String version = ctx.str("version");
        String env = ctx.str("virtualenv");
        if (state.equals("latest") && version != null) {
            ctx.fail("version is incompatible with state=latest");
        }
        List<String> names = ctx.has("name") ? ctx.list("name").stream().map(String::valueOf).toList() : null;
        List<PipRequirement> packages = names == null ? List.of() : packages(ctx, names, version);
        for (String k : List.of("version", "requirements", "virtualenv")) {
            if (ctx.has(k)) {
                ctx.set(k, ctx.str(k));
            }
        }
        ctx.set("name", names);
        boolean venvPredicted = env != null && ctx.predictedState("virtualenv:" + env) != null;
        boolean venvNew = env != null && !venvPredicted && !ctx.stat(env + "/bin/activate", false).exists();
        boolean fresh = venvNew || venvPredicted; // no pip to ask yet: every package is missing
        PipCommand pip = pipCommand(ctx, env, fresh);
        List<String> extra = ctx.has("extraArgs") ? new ArrayList<>(ShellWords.splitAsShlex(ctx.str("extraArgs"))) : new ArrayList<>();
        if (ctx.bool("editable") && !extra.contains("-e")) {
            extra.add("-e");
        }
        List<String> wanted = names != null ? packages.stream().map(PipRequirement::text).toList() : List.of("-r", ctx.str("requirements"));
        if (venvNew) {
            new PipVirtualenv(ctx, env).create();
        }
        if (state.equals("absent")) {
            List<String> args = new ArrayList<>(List.of("uninstall", "-y"));
            args.addAll(extra);
            Map<String, String> installed = fresh ? Map.of() : installed(ctx, pip);
            List<String> found = new ArrayList<>();
            for (PipRequirement p : names != null ? packages : requirementLines(ctx)) {
                String have = p.plain() ? installed.get(p.name()) : null;
                if (have != null && p.satisfiedBy(have)) {
                    found.add(p.name() + " " + have);
                    args.add(p.name());
                }
            }
            ctx.set("cmd", pip.shown(args));
            if (!found.isEmpty()) {
                ctx.converge("uninstall " + String.join(", ", found) + where(env), () -> ctx.change(pip.cmd(args)));
            }
            return;
        }
        List<String> args = new ArrayList<>(switch (state) {
            case "latest" -> List.of("install", "-U");
            case "forcereinstall" -> List.of("install", "-U", "--force-reinstall");
            default -> List.of("install");
        });
        args.addAll(extra);
        args.addAll(wanted);
        ctx.set("cmd", pip.shown(args));
        String what = state.equals("forcereinstall") || fresh ? String.join(" ", wanted) : plan(ctx, pip, args, state, packages, names != null);
        if (what != null) {
            ctx.converge((state.equals("forcereinstall") ? "reinstall " : state.equals("latest") ? "upgrade to " : "install ") + what + where(env),
                    () -> ctx.change(pip.cmd(args)));
        }
    }

    private static String where(String env) {
        return env == null ? "" : " in " + env;
    }

    private static List<PipRequirement> packages(ModuleContext ctx, List<String> names, String version) {
        for (String n : names) {
            Operand.of(ctx, "name", n.strip()); // pip's own options go in extraArgs
            if (n.matches("(?s).*[\\x00-\\x1f].*")) {
                ctx.fail("name '" + n + "' is refused: a line break or control character is no part of a package");
            }
        }
        List<PipRequirement> packages = new ArrayList<>(PipRequirement.recover(names).stream().map(PipRequirement::of).toList());
        if (version != null) {
            if (packages.size() > 1) {
                ctx.fail("'version' argument is ambiguous when installing multiple package distributions. "
                        + "Please specify version restrictions next to each package in 'name' argument.");
            }
            if (packages.get(0).hasSpecifier()) {
                ctx.fail("The 'version' argument conflicts with any version specifier provided along with a package name. "
                        + "Please keep the version specifier, but remove the 'version' argument.");
            }
            packages.set(0, PipRequirement.withVersion(packages.get(0).text(), version));
        }
        return packages;
    }

    private static PipCommand pipCommand(ModuleContext ctx, String env, boolean fresh) {
        String chdir = ctx.has("chdir") ? ctx.str("chdir") : "/tmp";
        boolean breaks = ctx.bool("breakSystemPackages");
        if (env != null) {
            boolean pip3 = fresh || ctx.stat(env + "/bin/pip3", false).exists();
            return new PipCommand(List.of(env + "/bin/" + (pip3 ? "pip3" : "pip")), env + "/bin", chdir, breaks);
        }
        return new PipCommand(ctx.has("executable") ? List.of(ctx.str("executable")) : List.of("python3", "-m", "pip"), null, chdir, breaks);
    }

    /**
     * What an install would do, in words ("tinya 2.0, tinyb 1.0"), or null when nothing: pip's dry run where pip
     * has it; before pip 22.2, the installed list for named plain packages, else a change as Ansible's check mode says.
     */
    private static String plan(ModuleContext ctx, PipCommand pip, List<String> args, String state, List<PipRequirement> packages, boolean named) {
        List<String> dry = new ArrayList<>(args);
        dry.addAll(List.of("--dry-run", "--quiet", "--report", "-"));
        ExecResult r = ctx.probe(pip.cmd(dry));
        if (r.ok()) {
            List<String> install = PipReport.installs(r.stdout());
            return install.isEmpty() ? null : String.join(", ", install);
        }
        if (!r.stderr().contains("no such option")) {
            ctx.fail("pip cannot install " + String.join(" ", args.subList(1, args.size())) + ": " + r.reason());
        }
        if (!named || !state.equals("present")) {
            return String.join(" ", packages.stream().map(PipRequirement::text).toList());
        }
        Map<String, String> installed = installed(ctx, pip);
        List<String> missing = packages.stream().filter(p -> !p.plain() || installed.get(p.name()) == null
                || !p.satisfiedBy(installed.get(p.name()))).map(PipRequirement::text).toList();
        return missing.isEmpty() ? null : String.join(" ", missing);
    }

    /** The installed distributions by canonical name: pip list --format=freeze, or pip freeze for a pip without it. */
    private static Map<String, String> installed(ModuleContext ctx, PipCommand pip) {
        ExecResult r = ctx.probe(pip.cmd(List.of("list", "--format=freeze")));
        if (!r.ok()) {
            r = ctx.probe(pip.cmd(List.of("freeze")));
            if (!r.ok()) {
                ctx.fail("pip freeze: " + r.reason());
            }
        }
        Map<String, String> installed = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] nv = line.strip().split("==", 2);
            if (nv.length == 2) {
                installed.put(PipRequirement.canonical(nv[0]), nv[1]);
            }
        }
        return installed;
    }

    /** The packages a requirements file names (its options, comments and blank lines left out), for state absent. */
    private static List<PipRequirement> requirementLines(ModuleContext ctx) {
        String file = ctx.str("requirements");
        String path = file.startsWith("/") ? file : (ctx.has("chdir") ? ctx.str("chdir") : "/tmp") + "/" + file;
        var f = ctx.stat(path);
        if (!f.isFile()) {
            ctx.fail("requirements file " + path + " is not there");
        }
        return f.content().lines().map(l -> l.replaceFirst("(^|\\s)#.*", "").strip())
                .filter(l -> !l.isEmpty() && !l.startsWith("-")).map(PipRequirement::of).toList();
    }
}
