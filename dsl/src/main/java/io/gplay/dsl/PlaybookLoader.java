package io.gplay.dsl;

import io.gplay.dsl.build.BuildContext;
import io.gplay.dsl.build.DslScript;
import io.gplay.dsl.build.PlaybookScript;
import io.gplay.dsl.build.TaskCollector;
import io.gplay.dsl.check.StaticCheck;
import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.InertCompiler;
import io.gplay.dsl.compile.ScriptCompiler;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.reuse.OwnModules;
import io.gplay.dsl.reuse.Role;
import io.gplay.dsl.reuse.Roles;
import io.gplay.dsl.reuse.TreeModules;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Source;
import io.gplay.engine.vault.VaultSecrets;
import org.codehaus.groovy.control.SourceUnit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Playbook} plan of a playbook file and of everything it takes in (task files, roles,
 * libraries), each file compiled and cached by {@link ScriptCompiler}, collecting every problem as
 * {@code FILE:LINE: message} before any host is touched.
 */
public final class PlaybookLoader {
    private final ModuleRegistry modules;
    private final Path cacheDir;
    private List<Path> rolesPath = List.of();
    private List<Path> modulePath = List.of();
    /** The modules of each playbook's folder: gplay's and its own (modules/, the module path), made once. */
    private final Map<String, ModuleRegistry> ownModules = new HashMap<>();
    private final Map<String, OwnModules> ownFiles = new HashMap<>();
    /** Those and the modules of the roles the plan of a playbook of the folder used, which the runner gets. */
    private final Map<String, ModuleRegistry> planModules = new HashMap<>();
    private VaultSecrets vault = VaultSecrets.none();

    public PlaybookLoader(ModuleRegistry modules, Path cacheDir) {
        this.modules = modules;
        this.cacheDir = cacheDir;
    }

    /** Folders to look for roles in after {@code roles/} beside the playbook, before the bundled roles. */
    public PlaybookLoader rolesPath(List<Path> folders) {
        this.rolesPath = List.copyOf(folders);
        return this;
    }

    /** Folders to find modules of one's own in ({@code NAME.groovy}), after {@code modules/} beside the playbook. */
    public PlaybookLoader modulePath(List<Path> folders) {
        this.modulePath = List.copyOf(folders);
        return this;
    }

    /**
     * gplay's modules and a playbook's own in {@code folder} (its {@code modules/}, then the module path), made
     * once for the loader, and those of the roles the last plan {@link #load}ed from the folder used: what the
     * runner runs that plan with.
     */
    public ModuleRegistry modules(Path folder) {
        return planned(CodeFolder.disk(folder));
    }

    /** {@link #modules(Path)} of the bundled playbooks: gplay's modules, the plugin jars' and the module path's. */
    public ModuleRegistry bundledModules() {
        return planned(CodeFolder.bundled(""));
    }

    /**
     * {@code gplay doc}: {@link #modules(Path)} and the modules of every role a playbook in {@code folder} can
     * use ({@code roles/NAME/modules/}), each made as a plan using the role makes it.
     */
    public ModuleRegistry modulesWithRoles(Path folder) {
        CodeFolder here = CodeFolder.disk(folder);
        TreeModules all = treeModules(here);
        Roles roles = new Roles(here, rolesPath, vault);
        ScriptCompiler compiler = new ScriptCompiler(cacheDir, DslScript.class);
        roles.names().forEach(n -> all.use(roles.find(n).orElseThrow(), compiler));
        return all.registry();
    }

    private ModuleRegistry planned(CodeFolder folder) {
        ModuleRegistry plan = planModules.get(folder.display());
        return plan != null ? plan : treeModules(folder).registry();
    }

    /** The folder's modules, over which a plan adds its roles' own. */
    private TreeModules treeModules(CodeFolder folder) {
        ModuleRegistry known = ownModules.get(folder.display());
        if (known == null) {
            OwnModules own = new OwnModules(folder, modulePath);
            known = own.over(modules, new ScriptCompiler(cacheDir, DslScript.class));
            ownModules.put(folder.display(), known);
            ownFiles.put(folder.display(), own);
        }
        return new TreeModules(known, ownFiles.get(folder.display()));
    }

    /** The secrets that open encrypted variable files of the tree (varsFiles, a role's defaults and vars). */
    public PlaybookLoader vault(VaultSecrets secrets) {
        this.vault = secrets;
        return this;
    }

    /**
     * A role's parameters as a module's spec (for {@code gplay doc} and the console's completion), found as a
     * playbook in {@code folder} would find it; empty when there is no such role.
     */
    public Optional<ModuleSpec> role(Path folder, String name) {
        return new Roles(CodeFolder.disk(folder), rolesPath, vault).find(name).map(Role::describe);
    }

    /**
     * A collector for tasks typed outside any file (the console): problems are named {@code where}, and
     * {@code role} and {@code importTasks} find their files as a playbook in the current folder would.
     */
    public TaskCollector console(String where) {
        SourceFile here = SourceFile.text(where, where, "");
        return context(here, where, new ScriptCompiler(cacheDir, DslScript.class), treeModules(here.folder()))
                .collector();
    }

    /** The names of the roles a playbook in {@code folder} can use, sorted. */
    public List<String> roleNames(Path folder) {
        return new Roles(CodeFolder.disk(folder), rolesPath, vault).names();
    }

    /** {@code $XDG_CACHE_HOME/gplay/compiled}, or {@code ~/.cache/gplay/compiled}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("gplay").resolve("compiled");
    }

    public Playbook load(Path file) {
        return load(SourceFile.of(file));
    }

    /** A bundled playbook by its file name ({@code glusterized-ovirt.groovy}). */
    public Playbook loadBundled(String fileName) {
        return load(bundled(fileName));
    }

    /** Builds the plan of a playbook given as text; {@code fileName} is what stack traces will name. */
    public Playbook load(String displayName, String fileName, String text) {
        return load(SourceFile.text(displayName, fileName, text));
    }

    private Playbook load(SourceFile file) {
        String scriptName = scriptName(file.fileName());
        ScriptCompiler compiler = new ScriptCompiler(cacheDir, DslScript.class);
        TreeModules known = treeModules(file.folder());
        BuildContext ctx = context(file, scriptName, compiler, known);
        Playbook plan = ctx.playbook(compiler.compile(file, scriptName, PlaybookScript.class));
        planModules.put(file.folder().display(), known.registry());
        return plan;
    }

    private BuildContext context(SourceFile file, String scriptName, ScriptCompiler compiler, TreeModules known) {
        return BuildContext.of(known, file, scriptName, compiler, new Roles(file.folder(), rolesPath, vault), vault);
    }

    /** The bundled playbooks' file names, sorted. */
    public static List<String> bundledNames() {
        return CodeFolder.bundled("").names(".groovy");
    }

    /** A bundled playbook's text, or empty when there is none of that name. */
    public static Optional<String> bundledText(String fileName) {
        return CodeFolder.bundled("").file(fileName).map(SourceFile::text);
    }

    /**
     * The name the script is compiled under, {@code gplay$NAME.groovy}, which names its class too. Groovy names
     * a script's class after its file, so {@code long.groovy} made a class named {@code long} (which the JVM
     * refuses) and in {@code once.groovy} the name {@code once} meant the class, not the result a task
     * registered as {@code once}. The {@code $} keeps it out of any name a playbook's author writes.
     */
    static String scriptName(String fileName) {
        String base = fileName.endsWith(".groovy") ? fileName.substring(0, fileName.length() - 7) : fileName;
        return "gplay$" + base.replaceAll("[^A-Za-z0-9_]", "_") + ".groovy";
    }

    /**
     * {@code --syntax-check}: compiles the playbook, and every task file and role it names by a literal, and
     * checks what their source says, without running any of their code, so it is safe on an untrusted change
     * (see {@link StaticCheck}). Returns the plays and tasks written.
     */
    public Summary check(Path file) {
        return check(SourceFile.of(file));
    }

    public Summary checkBundled(String fileName) {
        return check(bundled(fileName));
    }

    /** {@link #check(Path)} of a playbook given as text; {@code fileName} as in {@link #load(String, String, String)}. */
    public Summary check(String displayName, String fileName, String text) {
        return check(SourceFile.text(displayName, fileName, text));
    }

    private Summary check(SourceFile file) {
        List<String> problems = new ArrayList<>();
        CodeFolder lib = file.folder().folder("lib");
        InertCompiler compiler = new InertCompiler(lib.names(".groovy").stream().map(n -> lib.file(n).orElseThrow()).toList(),
                DslScript.class);
        problems.addAll(compiler.libraryProblems());
        OwnModules own = new OwnModules(file.folder(), modulePath);
        problems.addAll(own.check(compiler, modules));
        StaticCheck check = new StaticCheck(new TreeModules(own.unread(modules), own), compiler,
                new Roles(file.folder(), rolesPath, vault));
        Set<String> seen = new LinkedHashSet<>();
        List<SourceFile> todo = new ArrayList<>(List.of(file));
        while (!todo.isEmpty()) {
            SourceFile f = todo.remove(0);
            if (!seen.add(f.display())) {
                continue;
            }
            try {
                SourceUnit unit = compiler.compile(f, f == file ? scriptName(f.fileName()) : ScriptCompiler.nameOf(f),
                        f == file ? PlaybookScript.class : DslScript.class);
                problems.addAll(check.check(unit.getAST(), unit, f, f == file));
                todo.addAll(check.takenIn());
            } catch (DslException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(check.cycles());
        problems.addAll(check.notifyProblems());
        if (problems.isEmpty() && check.playbooks() == 0) {
            problems.add(new Source(file.display(), 1) + ": " + PlaybookScript.NO_PLAYBOOK); // as the plan says it
        }
        if (!problems.isEmpty()) {
            throw new DslException(problems);
        }
        return new Summary(check.plays(), check.tasks(), new java.util.TreeSet<>(check.unread()));
    }

    /**
     * What {@link #check} found written: plays and task calls, and the modules of the tree's own called, whose
     * parameters only the plan checks (making them runs their code).
     */
    public record Summary(int plays, int tasks, Set<String> unread) {
    }

    private static SourceFile bundled(String fileName) {
        return CodeFolder.bundled("").file(fileName).orElseThrow(() -> new DslException(List.of(fileName
                + ": no such file, nor a bundled playbook (see gplay list)")));
    }
}
