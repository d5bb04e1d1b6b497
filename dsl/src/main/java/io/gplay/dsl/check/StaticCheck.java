package io.gplay.dsl.check;

import io.gplay.dsl.build.BlockBuilder;
import io.gplay.dsl.build.BlockKeywords;
import io.gplay.dsl.build.BlockOptions;
import io.gplay.dsl.build.GateOptions;
import io.gplay.dsl.build.Misplaced;
import io.gplay.dsl.build.Notifies;
import io.gplay.dsl.build.PlayBuilder;
import io.gplay.dsl.build.PlayOptions;
import io.gplay.dsl.build.PlaybookBuilder;
import io.gplay.dsl.build.PlaybookScript;
import io.gplay.dsl.build.RolloutOptions;
import io.gplay.dsl.build.TakingIn;
import io.gplay.dsl.build.TaskCall;
import io.gplay.dsl.build.TaskCollector;
import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.InertCompiler;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.reuse.LocalFiles;
import io.gplay.dsl.reuse.OwnModules;
import io.gplay.dsl.reuse.Roles;
import io.gplay.dsl.reuse.TreeModules;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What {@code --syntax-check} can know without running a playbook's code (which may be an untrusted change in
 * CI): the calls of the compiled source, judged by the rules the plan judges its calls by. A module call's values
 * as written ({@link StaticValues}) go through {@link TaskCall}, a block's through {@link BlockOptions#read}, a
 * role's or task file's use through {@link TakingIn} (the files it takes in through {@link StaticTree}), a
 * play's options through {@link PlayOptions#optionProblems}, its notifies through {@link Notifies}; a call
 * by a name nothing answers where it is written ({@link CallPlace}) is what the plan says it is. Values computed
 * by code are not known here; a run checks them before any host is touched.
 */
public final class StaticCheck {
    /** Names a playbook calls that are no modules: the DSL's own and the script's. */
    private static final Set<String> DSL = names(PlaybookScript.class, PlaybookBuilder.class, PlayBuilder.class,
            TaskCollector.class, BlockBuilder.class, groovy.lang.Script.class);
    private static final Set<String> GROOVY = names(DefaultGroovyMethods.class);

    /** The modules known: the tree's, a role's own from its use on (by name alone, see {@link OwnModules.Unread}). */
    private final TreeModules treeModules;
    private ModuleRegistry modules;
    private final Set<String> libraryMethods;
    private final Notifies notifies = new Notifies();
    private final StaticTree tree;
    private String displayName;
    private SourceFile file;
    private List<String> problems;
    private int inHandlers;
    /** How deep in a gate's checks the visit is: tasks only there, as among handlers. */
    private int inGate;
    /** The part of the tree the calls being read are in, as {@link Notifies} knows it: a play, or the file. */
    private String part;
    private int plays;
    private int tasks;
    /** The modules of the tree's own that are called: their calls' parameters are the plan's to check. */
    private final Set<String> unread = new java.util.TreeSet<>();
    /** The playbook blocks of the playbook's file. */
    private int playbooks;

    /** {@code compiler} holds the tree's libraries, and takes in a role's own at its use. */
    public StaticCheck(TreeModules modules, InertCompiler compiler, Roles roles) {
        this.treeModules = modules;
        this.modules = modules.registry();
        this.libraryMethods = compiler.libraryMethods();
        this.tree = new StaticTree(roles, notifies, r -> {
            // as the plan does at the role's use: its modules known by name, its lib/ compiled, nothing of them run
            List<String> out = new ArrayList<>(treeModules.check(r, compiler));
            this.modules = treeModules.registry();
            CodeFolder lib = r.dir().folder("lib");
            out.addAll(compiler.addLibraries(lib.names(".groovy").stream().map(n -> lib.file(n).orElseThrow()).toList()));
            return out;
        });
    }

    /**
     * The problems of one file of the tree, the playbook's file or one it takes in; the files it takes in by a
     * literal name are then {@link #takenIn()}.
     */
    public List<String> check(ModuleNode module, SourceUnit source, SourceFile file, boolean playbookFile) {
        this.file = file;
        this.displayName = file.display();
        this.problems = new ArrayList<>();
        Set<String> own = new HashSet<>(libraryMethods);
        module.getClasses().forEach(c -> c.getMethods().forEach(m -> own.add(m.getName())));
        CallPlace place = new CallPlace(playbookFile);
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            protected void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
                place.enterMethod(node);
                super.visitConstructorOrMethod(node, isConstructor);
            }

            @Override
            public void visitClosureExpression(ClosureExpression c) {
                boolean owned = place.enterClosure(c);
                super.visitClosureExpression(c);
                if (owned) {
                    place.exitClosure();
                }
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String name = call.getMethodAsString();
                boolean implicit = call.isImplicitThis() && name != null;
                String misplaced = !implicit || own.contains(name) ? null : place.problem(name, modules);
                if (misplaced != null) {
                    problem(call, misplaced);
                    return; // the plan never runs what it is given
                }
                if (implicit) {
                    call(name, call, own, playbookFile);
                } else {
                    sectionAgain(call);
                }
                boolean handlers = implicit && "handlers".equals(name);
                boolean gate = implicit && "gate".equals(name);
                String outer = part;
                if (implicit && "play".equals(name)) {
                    part = "play " + plays + " in " + displayName;
                    notifies.play(part, playName(call));
                    notifies.edge(part, outer); // the file's own methods, which a play may call
                }
                inHandlers += handlers ? 1 : 0;
                inGate += gate ? 1 : 0;
                place.enterCall(call);
                super.visitMethodCallExpression(call);
                place.exitCall();
                inHandlers -= handlers ? 1 : 0;
                inGate -= gate ? 1 : 0;
                part = outer;
            }
        };
        inHandlers = tree.holdsHandlers(file) ? 1 : 0;
        part = StaticTree.fileNode(file);
        module.getClasses().forEach(visitor::visitClass);
        return problems;
    }

    /** The task files and roles' files named by the files checked so far, to be checked in turn. */
    public List<SourceFile> takenIn() {
        return tree.takenIn();
    }

    private void call(String name, MethodCallExpression call, Set<String> own, boolean playbookFile) {
        Consumer<String> here = p -> problem(call, p);
        if (name.equals("playbook") && playbookFile && ++playbooks > 1) {
            problem(call, PlaybookScript.ONE_PLAYBOOK);
        }
        if (name.equals("play")) {
            plays++;
            play(call, here);
        }
        if (name.equals("gate")) {
            GateOptions.read(java.util.Objects.toString(StaticValues.title(call), ""),
                    StaticValues.known(StaticValues.named(call)), here);
        }
        if (name.equals("includeTasks") && (inGate > 0 || inHandlers > 0)) {
            problem(call, Misplaced.noInclude(inGate > 0 ? "a gate's checks" : "handlers"));
            return;
        }
        if (name.equals("importTasks") || name.equals("includeTasks") || name.equals("role")) {
            // the use's named values, unless code gives some of them: which are given is then not known
            Map<String, Object> named = StaticValues.arguments(call) == null ? null : StaticValues.named(call);
            Map<String, Object> given = named == null ? StaticValues.named(call) : named;
            Object fileNamed = name.equals("includeTasks") ? given.remove("file") : null;
            TakingIn.use(given, name, here);
            String what = fileNamed instanceof String f ? f : StaticValues.title(call);
            String at = displayName + ":" + call.getLineNumber();
            if (name.equals("includeTasks") && what == null) {
                tree.includePerHost(file, call, fileNamed, part, at, inHandlers > 0, here);
            } else if (what != null && name.equals("role")) {
                tree.role(file, what, named, part, at, inHandlers > 0, here, problems::add);
            } else if (what != null) {
                tree.importTasks(file, name, what, part, at, inHandlers > 0, here);
            }
            return;
        }
        if (own.contains(name)) {
            return;
        }
        if (name.equals("rescue") || name.equals("always")) {
            problem(call, BlockOptions.alone(name)); // a chained one, after a block's brace, is no call on this
            return;
        }
        String tasksOnly = inGate > 0 ? "a gate's checks" : inHandlers > 0 ? "handlers" : null;
        if (name.equals("block")) {
            if (tasksOnly != null) {
                problem(call, Misplaced.noBlock(tasksOnly));
                return;
            }
            notifies.uses(part, displayName + ":" + call.getLineNumber(),
                    BlockOptions.read(StaticValues.named(call), here).keywords().get("notify"));
            return;
        }
        if (name.equals("flushHandlers") && tasksOnly != null) {
            problem(call, Misplaced.noFlush(tasksOnly));
            return;
        }
        if (DSL.contains(name)) {
            return;
        }
        Module module = modules.find(name).orElse(null);
        if (module == null) {
            if (!GROOVY.contains(name)) {
                problem(call, TaskCall.unknown(modules, name));
            }
            return;
        }
        tasks++;
        task(module, call, here);
    }

    private void task(Module module, MethodCallExpression call, Consumer<String> here) {
        Map<String, Object> named = StaticValues.named(call);
        notifies.uses(part, displayName + ":" + call.getLineNumber(), named.get("notify"));
        List<Object> args = StaticValues.arguments(call);
        if (module instanceof OwnModules.Unread) {
            unread.add(module.name());
            // its parameters are known only by making the module, which runs its code: the plan checks them
            if (inHandlers > 0) {
                Object title = args == null || args.isEmpty() ? null : args.get(0);
                notifies.handler(part, title instanceof String s ? s : null, named.get("listen"));
            }
            return;
        }
        TaskCall task = args == null ? null : TaskCall.of(module.spec(), args, BlockKeywords.NONE, here);
        if (task != null) {
            LocalFiles.find(module.spec(), task.params(), LocalFiles.folders(tree.roleOf(file), file),
                    here);
        }
        if (inHandlers > 0) {
            // a handler whose title code computes is known by a name not known here
            notifies.handler(part, task == null ? null : task.title(), named.get("listen"));
        }
    }

    /** A play's options, unless code gives some (which are given is then not known) or its name. */
    private void play(MethodCallExpression call, Consumer<String> here) {
        Map<String, Object> named = StaticValues.named(call);
        String name = playName(call);
        if (StaticValues.arguments(call) != null && name != null) {
            PlayOptions.optionProblems(name, named, here);
        }
        RolloutOptions.read(named, here);
        for (String f : PlayOptions.varsFiles(named.get("varsFiles"))) {
            PlayOptions.varsFile(file, f, here);
        }
    }

    /** A {@code rescue} or {@code always} chained to a block that has one already, before it in the chain. */
    private void sectionAgain(MethodCallExpression call) {
        String section = call.getMethodAsString();
        if (!"rescue".equals(section) && !"always".equals(section)) {
            return;
        }
        boolean again = false;
        Expression below = call.getObjectExpression();
        while (below instanceof MethodCallExpression m && !m.isImplicitThis()) {
            again |= section.equals(m.getMethodAsString());
            below = m.getObjectExpression();
        }
        if (again && below instanceof MethodCallExpression block && "block".equals(block.getMethodAsString())) {
            problem(call, BlockOptions.again(section));
        }
    }

    /** A play's name as the plan gives it: its title, else its name or hosts option; null when code computes it. */
    private static String playName(MethodCallExpression call) {
        List<Object> titles = StaticValues.expressions(call).stream()
                .filter(e -> !(e instanceof MapExpression) && !(e instanceof ClosureExpression)).map(StaticValues::of).toList();
        Map<String, Object> named = StaticValues.named(call);
        Object name = !titles.isEmpty() ? titles.get(0) : named.containsKey("name") ? named.get("name") : named.get("hosts");
        return name instanceof CharSequence || name == null ? String.valueOf(name) : null;
    }

    /** The plays written in the files checked so far. */
    /** The names of the tree's own modules called, whose calls' parameters were not checked. */
    public Set<String> unread() {
        return Set.copyOf(unread);
    }

    public int plays() {
        return plays;
    }

    /** The task calls written in the files checked so far. */
    public int tasks() {
        return tasks;
    }

    /** The playbook blocks of the playbook's file. */
    public int playbooks() {
        return playbooks;
    }

    /** Each literal {@code notify} that names no handler of its play. */
    public List<String> notifyProblems() {
        return notifies.problems();
    }

    /**
     * A role use that takes itself in again, or a task file that imports itself through others, as a run refuses
     * them: each {@code FILE:LINE} of the use that closes the cycle, with the cycle.
     */
    public List<String> cycles() {
        return tree.cycles();
    }

    private void problem(Expression at, String message) {
        problems.add(displayName + ":" + at.getLineNumber() + ": " + message);
    }

    private static Set<String> names(Class<?>... classes) {
        Set<String> out = new HashSet<>();
        Stream.of(classes).flatMap(c -> Stream.of(c.getMethods())).map(Method::getName).forEach(out::add);
        return out;
    }
}
