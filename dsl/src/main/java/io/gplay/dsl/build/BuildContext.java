package io.gplay.dsl.build;

import groovy.lang.Binding;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.gplay.dsl.DslException;
import io.gplay.dsl.compile.ScriptCompiler;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.compile.SyntaxProblem;
import io.gplay.dsl.reuse.Roles;
import io.gplay.dsl.reuse.TreeModules;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.RoleArguments;
import io.gplay.engine.plan.Source;
import io.gplay.engine.vault.VaultSecrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What building a plan needs: the modules to validate against, the files of the playbook's tree (to name a line
 * of any of them), the roles and libraries it can use, and the problems found. While a task file or a role's
 * file runs, it knows which collector takes its tasks and the chain of uses that brought it in, which every
 * problem found meanwhile names.
 *
 * <p>Public for {@link io.gplay.dsl.PlaybookLoader}, which makes one for each playbook and for the console.
 */
public final class BuildContext {
    /** gplay's modules and the tree's own, a role's added at its first use. */
    private final TreeModules modules;
    /** The playbook's name in messages. */
    private final String displayName;
    private final List<String> problems = new ArrayList<>();
    /** The uses of roles that declare their options, in the order made; each play takes its own. */
    private final List<RoleArguments> roleArguments = new ArrayList<>();
    private final ScriptCompiler compiler;
    private final Roles roles;
    private final Library library;
    private final VaultSecrets vault;
    private final SourceFile playbook;
    /** The files of the tree by the name their classes carry in stack traces. */
    private final Map<String, SourceFile> units = new HashMap<>();
    private final Deque<Use> chain = new ArrayDeque<>();
    private final Deque<TaskCollector> collectors = new ArrayDeque<>();
    private final Deque<DslScript> scripts = new ArrayDeque<>();
    private volatile boolean planMade;
    /** The notifies written in the play being made, null outside a play. */
    private List<Notifies.Use> notified;

    BuildContext(TreeModules modules, SourceFile playbook, String scriptName, ScriptCompiler compiler, Roles roles,
                 Library library, VaultSecrets vault) {
        this.modules = modules;
        this.displayName = playbook.display();
        this.compiler = compiler;
        this.roles = roles;
        this.library = library;
        this.vault = vault;
        this.playbook = playbook;
        units.put(scriptName, playbook);
    }

    ModuleRegistry modules() {
        return modules.registry();
    }

    TreeModules treeModules() {
        return modules;
    }

    /** The playbook's file: the folder beside it is the playbook's folder. */
    SourceFile playbookFile() {
        return playbook;
    }

    /** The playbook's name in messages. */
    String displayName() {
        return displayName;
    }

    /** The compiler of the tree's files; null outside a playbook file (the console, ad-hoc commands). */
    ScriptCompiler compiler() {
        return compiler;
    }

    /** The roles the tree can use; null outside a playbook file. */
    Roles roles() {
        return roles;
    }

    Library library() {
        return library;
    }

    VaultSecrets vault() {
        return vault;
    }

    /** The problems found so far, each {@code FILE:LINE: message}. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Problems found elsewhere, each already {@code FILE:LINE: message}. */
    void problems(Collection<String> found) {
        problems.addAll(found);
    }

    /** A use of a role that declares its options, for the play being made. */
    void roleUsed(RoleArguments use) {
        roleArguments.add(use);
    }

    /** How many uses of roles that declare their options were made so far. */
    int roleUses() {
        return roleArguments.size();
    }

    /** The uses of roles that declare their options made since there were {@code from}. */
    List<RoleArguments> roleUsesSince(int from) {
        return List.copyOf(roleArguments.subList(from, roleArguments.size()));
    }

    /**
     * What building a plan from {@code playbook} needs: its libraries ({@code lib/} beside it) compiled first, as
     * their classes are visible to every file compiled after them, its roles, and the run's vault.
     */
    public static BuildContext of(TreeModules modules, SourceFile playbook, String scriptName,
                                  ScriptCompiler compiler, Roles roles, VaultSecrets vault) {
        Library library = Library.of(compiler, playbook.folder().folder("lib"));
        BuildContext ctx = new BuildContext(modules, playbook, scriptName, compiler, roles, library, vault);
        library.attach(ctx);
        return ctx;
    }

    /** Runs the playbook's compiled script: the plan it built, or every problem found as a {@link DslException}. */
    public Playbook playbook(Class<?> compiled) {
        PlaybookScript script = (PlaybookScript) newInstance(compiled);
        runScript(script);
        planMade();
        if (problems.isEmpty() && script.built() == null) {
            problem(new Source(displayName, 1), PlaybookScript.NO_PLAYBOOK);
        }
        if (!problems.isEmpty()) {
            throw new DslException(problems);
        }
        return script.built();
    }

    /** A collector for tasks typed outside any file, with this context's roles and task files (the console). */
    public TaskCollector collector() {
        return new TaskCollector(this);
    }

    /** For tasks typed outside any file (the console, ad-hoc commands): problems are named {@code where}. */
    static BuildContext standalone(ModuleRegistry modules, String where) {
        return new BuildContext(new TreeModules(modules, null), SourceFile.text(where, where, ""), where, null, null, null,
                VaultSecrets.none());
    }

    void file(String scriptName, SourceFile file) {
        units.put(scriptName, file);
    }

    /** The file a line of this plan was written in. */
    SourceFile fileOf(Source at) {
        return units.values().stream().filter(f -> f.display().equals(at.file())).findFirst()
                .orElse(units.values().iterator().next());
    }

    /** How a file came in: {@code what} ("role 'ctdb'", "task file tasks/fw.groovy"), used at {@code at}. */
    record Use(String what, Source at) {
        @Override
        public String toString() {
            return what + " used at " + at;
        }
    }

    /**
     * Runs {@code body} as part of a role's or task file's use: a problem found meanwhile names the chain of uses,
     * and a use that takes itself in again (a role among its own dependencies) is refused, not followed.
     */
    void using(Use use, Runnable body) {
        if (chain.stream().anyMatch(u -> u.what().equals(use.what()))) {
            problem(use.at(), use.what() + " takes itself in again (" + use + ", in " + chainText() + ")");
            return;
        }
        chain.push(use);
        try {
            body.run();
        } finally {
            chain.pop();
        }
    }

    /**
     * Runs a task file or a role's file, within its {@link #using use}: its tasks go to {@code into};
     * {@code binding} holds the values it was given, by name.
     */
    void run(SourceFile file, Map<String, Object> binding, TaskCollector into) {
        String scriptName = ScriptCompiler.nameOf(file);
        Class<?> cls;
        try {
            cls = compiler.compile(file, scriptName, DslScript.class);
        } catch (DslException e) {
            e.problems().forEach(p -> problems.add(p + inChain()));
            return;
        }
        file(scriptName, file);
        DslScript script = (DslScript) newInstance(cls);
        library.ran(script, into.owningRole());
        script.setBinding(new Binding(new LinkedHashMap<>(binding)));
        collectors.push(into);
        try {
            runScript(script);
        } finally {
            collectors.pop();
        }
    }

    /** Runs a play's or handlers block's body: calls that no closure answers (a helper's module calls) go to {@code into}. */
    void within(TaskCollector into, groovy.lang.Closure<?> body) {
        collectors.push(into);
        try {
            body.call();
        } finally {
            collectors.pop();
        }
    }

    /** Runs a file's code, a problem it runs into reported at its line. */
    void runScript(DslScript script) {
        script.init(this);
        scripts.push(script);
        try {
            script.run();
        } catch (MissingMethodException e) {
            problem(sourceOf(e), Misplaced.unanswered(modules(), e.getMethod(), !(e instanceof NotInAPlay)));
        } catch (MissingPropertyException e) {
            Source at = sourceOf(e);
            problem(at, SyntaxProblem.missingComma(lineOf(at)).orElse("'" + e.getProperty() + "' is not defined here"
                    + " (a per-host value must be a closure: { vars." + e.getProperty() + " })"));
        } catch (NullPointerException e) {
            Source at = sourceOf(e);
            problem(at, SyntaxProblem.missingComma(lineOf(at)).orElse("NullPointerException: " + e.getMessage()));
        } catch (DslException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problem(sourceOf(e), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            // the stack is unwound here; its top frames are the recursion's, so this is the line that recursed
            problem(sourceOf(e), "the code called itself without end (StackOverflowError)");
        } finally {
            scripts.pop();
        }
    }

    static Object newInstance(Class<?> cls) {
        try {
            return cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private String lineOf(Source at) {
        return fileOf(at).text().lines().skip(Math.max(0, at.line() - 1)).findFirst().orElse("");
    }

    /**
     * A call a file's own methods do not answer: a module call, {@code importTasks} or {@code role} goes to the
     * collector taking tasks now, a library's method to its library.
     */
    Object dispatch(DslScript from, String name, Object[] args) {
        TaskCollector into = collectors.peek();
        if (into != null && (modules().find(name).isPresent()
                || !into.getMetaClass().respondsTo(into, name, args).isEmpty())) {
            return into.invokeMethod(name, args);
        }
        if (library != null && library.responds(from, name, args)) {
            return library.invoke(from, name, args);
        }
        if (building() && calledByTheFile()) {
            // said here and the file goes on, so that its later problems are said too, as --syntax-check says them
            problem(here(), Misplaced.unanswered(modules(), name, into != null));
            return null;
        }
        if (building() && into == null && Misplaced.writtenInPlays(modules(), name)) {
            throw new NotInAPlay(name, from.getClass(), args);
        }
        throw new MissingMethodException(name, from.getClass(), args);
    }

    /** A task's call that no play takes, in a closure: said so if no delegate of the closure answers it either. */
    private static final class NotInAPlay extends MissingMethodException {
        NotInAPlay(String name, Class<?> type, Object[] args) {
            super(name, type, args);
        }
    }

    /**
     * Whether the call being dispatched is written in a file's own code, not in a closure: Groovy asks a closure's
     * delegate next when its owner does not answer, so such a call must stay a {@link MissingMethodException}.
     */
    private boolean calledByTheFile() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (e.getFileName() != null && units.containsKey(e.getFileName()) && e.getLineNumber() > 0) {
                return !e.getClassName().matches(".*\\$_.*closure\\d+.*");
            }
        }
        return false;
    }

    /** A play's making starts: the notifies written from now on are its own. */
    void playStarts() {
        notified = new ArrayList<>();
    }

    /** A task's or block's notify of these handlers, written at {@code at}, in the play being made. */
    void notified(Source at, List<String> names) {
        if (notified != null && !names.isEmpty()) {
            notified.add(new Notifies.Use(at.toString(), names));
        }
    }

    /** The play is made: the notifies written in it, to be checked against its handlers. */
    List<Notifies.Use> playEnds() {
        List<Notifies.Use> out = notified;
        notified = null;
        return out;
    }

    /** The plan is made: what runs from now on is per-host closures, computed on the hosts. */
    void planMade() {
        planMade = true;
    }

    /** Whether the plan is being made, rather than a per-host closure computed on a host later. */
    boolean building() {
        return !planMade;
    }

    /** Whether a method of a file being run, or of a library, answers this call (a helper that adds tasks). */
    boolean scriptResponds(String name, Object[] args) {
        return scripts.stream().anyMatch(s -> !s.getMetaClass().respondsTo(s, name, args).isEmpty())
                || library != null && library.responds(scripts.peek(), name, args);
    }

    /** The line being run now, in whichever file of the tree it is, found on the call stack. */
    Source here() {
        return sourceOf(new Throwable());
    }

    Source sourceOf(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            SourceFile f = e.getFileName() == null ? null : units.get(e.getFileName());
            if (f != null && e.getLineNumber() > 0) {
                return new Source(f.display(), e.getLineNumber());
            }
        }
        return new Source(displayName, 0);
    }

    void problem(Source at, String message) {
        problems.add(at + ": " + message + inChain());
    }

    /** The uses that brought the file being run in, innermost first: " [in role 'ctdb' used at site.groovy:12]". */
    private String inChain() {
        return chain.isEmpty() ? "" : " [in " + String.join(", in ", chain.stream().map(Use::toString).toList()) + "]";
    }

    private String chainText() {
        return String.join(", ", chain.stream().map(Use::toString).toList());
    }
}
