package io.gplay.dsl;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What {@code --syntax-check} can know without running a playbook's code (which may be an untrusted change in
 * CI): the calls of the compiled source. A call by name that is no DSL method, no method of the playbook and
 * no Groovy method is an unknown module; a module call's values as written ({@link StaticValues}) are judged by
 * the rule the plan judges its calls by ({@link TaskCall}); a block's keywords are checked by their names, and a
 * {@code rescue} or {@code always} must follow a block. Values computed by code are not known here; a run checks
 * them before any host is touched.
 */
final class StaticCheck {
    /** Names a playbook calls that are no modules: the DSL's own and the script's. */
    private static final Set<String> DSL = names(PlaybookScript.class, PlaybookBuilder.class, PlayBuilder.class,
            TaskCollector.class, BlockBuilder.class, groovy.lang.Script.class);
    private static final Set<String> GROOVY = names(DefaultGroovyMethods.class);

    private final ModuleRegistry modules;
    private final Set<String> libraryMethods;
    private final Roles roles;
    private String displayName;
    private SourceFile file;
    private List<String> problems;
    private final List<SourceFile> takenIn = new ArrayList<>();
    private final Set<String> rolesSeen = new HashSet<>();
    private final TakingInGraph graph = new TakingInGraph();
    private final Notifies notifies = new Notifies();
    private final Set<String> handlerFiles = new HashSet<>();
    /** The role each file checked belongs to, by its display name: a role's files, and the task files they import. */
    private final Map<String, Role> roleOf = new HashMap<>();
    private int inHandlers;
    /** How deep in a gate's checks the visit is: tasks only there, as among handlers. */
    private int inGate;
    /** The part of the tree the calls being read are in, as {@link Notifies} knows it: a play, or the file. */
    private String part;
    int plays;
    int tasks;

    StaticCheck(ModuleRegistry modules, Set<String> libraryMethods, Roles roles) {
        this.modules = modules;
        this.libraryMethods = libraryMethods;
        this.roles = roles;
    }

    /** The problems of one file of the tree; the files it takes in by a literal name are then {@link #takenIn()}. */
    List<String> check(ModuleNode module, SourceUnit source, SourceFile file) {
        this.file = file;
        this.displayName = file.display();
        this.problems = new ArrayList<>();
        Set<String> own = new HashSet<>(libraryMethods);
        module.getClasses().forEach(c -> c.getMethods().forEach(m -> own.add(m.getName())));
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis() && call.getMethodAsString() != null) {
                    call(call.getMethodAsString(), call, own);
                } else {
                    sectionAgain(call);
                }
                boolean handlers = call.isImplicitThis() && "handlers".equals(call.getMethodAsString());
                boolean gate = call.isImplicitThis() && "gate".equals(call.getMethodAsString());
                String outer = part;
                if (call.isImplicitThis() && "play".equals(call.getMethodAsString())) {
                    part = "play " + plays + " in " + displayName;
                    notifies.play(part, playName(call));
                    notifies.edge(part, outer); // the file's own methods, which a play may call
                }
                inHandlers += handlers ? 1 : 0;
                inGate += gate ? 1 : 0;
                super.visitMethodCallExpression(call);
                inHandlers -= handlers ? 1 : 0;
                inGate -= gate ? 1 : 0;
                part = outer;
            }
        };
        inHandlers = handlerFiles.contains(file.display()) ? 1 : 0;
        part = fileNode(file);
        module.getClasses().forEach(visitor::visitClass);
        return problems;
    }

    /** The task files and roles' files named by the files checked so far, to be checked in turn. */
    List<SourceFile> takenIn() {
        List<SourceFile> out = List.copyOf(takenIn);
        takenIn.clear();
        return out;
    }

    private void call(String name, MethodCallExpression call, Set<String> own) {
        if (name.equals("play")) {
            plays++;
            RolloutOptions.read(StaticValues.known(StaticValues.named(call)), p -> problem(call, p));
        }
        if (name.equals("gate")) {
            GateOptions.read(literalTitle(call).orElse(""), literals(call), p -> problem(call, p));
        }
        if (name.equals("importTasks") || name.equals("role")) {
            // the use's named values, unless code gives some of them: which are given is then not known
            Map<String, Object> named = StaticValues.arguments(call) == null ? null : StaticValues.named(call);
            TakingIn.use(named == null ? StaticValues.named(call) : named, name, p -> problem(call, p));
            String what = StaticValues.title(call);
            if (what != null) {
                takeIn(name, what, named, call);
            }
            return;
        }
        if (own.contains(name)) {
            return;
        }
        if (name.equals("rescue") || name.equals("always")) {
            problem(call, BlockBuilder.alone(name)); // a chained one, after a block's brace, is no call on this
            return;
        }
        String tasksOnly = inGate > 0 ? "a gate's checks" : inHandlers > 0 ? "handlers" : null;
        if (name.equals("block")) {
            if (tasksOnly != null) {
                problem(call, TaskCollector.noBlock(tasksOnly));
                return;
            }
            notifies.uses(part, displayName + ":" + call.getLineNumber(),
                    BlockBuilder.read(StaticValues.named(call), p -> problem(call, p)).keywords().get("notify"));
            return;
        }
        if (name.equals("flushHandlers") && tasksOnly != null) {
            problem(call, TaskCollector.noFlush(tasksOnly));
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
        Map<String, Object> named = StaticValues.named(call);
        notifies.uses(part, displayName + ":" + call.getLineNumber(), named.get("notify"));
        List<Object> args = StaticValues.arguments(call);
        TaskCall task = args == null ? null
                : TaskCall.of(module.spec(), args, BlockKeywords.NONE, p -> problem(call, p));
        if (task != null) {
            LocalFiles.find(module.spec(), task.params(), task.deferred(),
                    LocalFiles.folders(roleOf.get(file.display()), file), p -> problem(call, p));
        }
        if (inHandlers > 0) {
            // a handler whose title code computes is known by a name not known here
            notifies.handler(part, task == null ? null : task.title(), named.get("listen"));
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
            problem(call, BlockBuilder.again(section));
        }
    }

    private void takeIn(String how, String what, Map<String, Object> named, MethodCallExpression call) {
        if (how.equals("importTasks")) {
            if (file.folder().escapes(what)) {
                problem(call, "importTasks: " + file.folder().outside(what));
                return;
            }
            file.sibling(what).ifPresentOrElse(f -> {
                        graph.edge(fileNode(file), fileNode(f), displayName + ":" + call.getLineNumber());
                        notifies.edge(part, fileNode(f));
                        if (inHandlers > 0) {
                            handlerFiles.add(f.display()); // its tasks are handlers
                        }
                        Role role = roleOf.get(file.display());
                        if (role != null) {
                            roleOf.putIfAbsent(f.display(), role);
                        }
                        takenIn.add(f);
                    },
                    () -> problem(call, TakingIn.noTaskFile(file, what)));
            return;
        }
        graph.edge(fileNode(file), roleNode(what), displayName + ":" + call.getLineNumber());
        notifies.edge(part, roleNode(what));
        takeInRole(what, named, p -> problem(call, p));
    }

    /** A play's name as the plan gives it: its title, else its name or hosts option; null when code computes it. */
    private static String playName(MethodCallExpression call) {
        List<Object> titles = StaticValues.expressions(call).stream()
                .filter(e -> !(e instanceof MapExpression) && !(e instanceof ClosureExpression)).map(StaticValues::of).toList();
        Map<String, Object> named = StaticValues.named(call);
        Object name = !titles.isEmpty() ? titles.get(0) : named.containsKey("name") ? named.get("name") : named.get("hosts");
        return name instanceof CharSequence || name == null ? String.valueOf(name) : null;
    }

    /** Each literal {@code notify} that names no handler of its play. */
    List<String> notifyProblems() {
        return notifies.problems();
    }

    /**
     * A role use that takes itself in again, or a task file that imports itself through others, as a run refuses
     * them: each {@code FILE:LINE} of the use that closes the cycle, with the cycle.
     */
    List<String> cycles() {
        return graph.cycles();
    }

    private static String fileNode(SourceFile f) {
        return "task file " + f.display();
    }

    private static String roleNode(String name) {
        return "role '" + name + "'";
    }

    /**
     * A role's use, as the plan reads it: the role found, its parameters checked when they are known ({@code params}
     * null: code gives some), and, once, its files and its dependencies, each dependency's use said at its meta file.
     */
    private void takeInRole(String name, Map<String, Object> params, Consumer<String> problems) {
        try {
            Role r = roles.find(name).orElse(null);
            if (r == null) {
                problems.accept("no role '" + name + "' (looked in " + roles.searched() + ")");
                return;
            }
            if (params != null) {
                TakingIn.paramProblems(r, params).forEach(problems);
            }
            if (!rolesSeen.add(name)) {
                return;
            }
            String meta = r.dir.display() + "/meta/main.yml";
            r.tasks().ifPresent(f -> {
                graph.edge(roleNode(name), fileNode(f), meta);
                notifies.edge(roleNode(name), fileNode(f));
                if (inHandlers > 0) {
                    handlerFiles.add(f.display()); // a role used among handlers: its tasks are handlers
                }
                roleOf.put(f.display(), r);
                takenIn.add(f);
            });
            r.handlers().ifPresent(f -> {
                graph.edge(roleNode(name), fileNode(f), meta);
                notifies.edge(roleNode(name), fileNode(f));
                handlerFiles.add(f.display());
                roleOf.put(f.display(), r);
                takenIn.add(f);
            });
            Consumer<String> atMeta = p -> this.problems.add(meta + ": " + p);
            r.dependencies().forEach(d -> {
                graph.edge(roleNode(name), roleNode(d.role()), meta);
                notifies.edge(roleNode(name), roleNode(d.role()));
                Map<String, Object> given = new LinkedHashMap<>(d.params());
                TakingIn.use(given, "role", atMeta);
                takeInRole(d.role(), given, atMeta);
            });
        } catch (DslException e) {
            this.problems.addAll(e.problems());
        }
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
