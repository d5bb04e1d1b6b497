package io.gplay.dsl;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ParamValidator;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code --syntax-check} can know without running a playbook's code (which may be an untrusted change in
 * CI): the calls of the compiled source. A call by name that is no DSL method, no method of the playbook and
 * no Groovy method is an unknown module; a module call's literal parameters are checked against its spec, a
 * block's keywords by their names, and a {@code rescue} or {@code always} must follow a block. Values
 * computed by code are not known here; a run checks them before any host is touched.
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
    private int inHandlers;
    /** How deep in a gate's checks the visit is: tasks only there, as among handlers. */
    private int inGate;
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
                }
                boolean handlers = call.isImplicitThis() && "handlers".equals(call.getMethodAsString());
                boolean gate = call.isImplicitThis() && "gate".equals(call.getMethodAsString());
                inHandlers += handlers ? 1 : 0;
                inGate += gate ? 1 : 0;
                super.visitMethodCallExpression(call);
                inHandlers -= handlers ? 1 : 0;
                inGate -= gate ? 1 : 0;
            }
        };
        inHandlers = handlerFiles.contains(file.display()) ? 1 : 0;
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
            RolloutOptions.read(literals(call), p -> problem(call, p));
        }
        if (name.equals("gate")) {
            GateOptions.read(literalTitle(call).orElse(""), literals(call), p -> problem(call, p));
        }
        if (name.equals("importTasks") || name.equals("role")) {
            literalTitle(call).ifPresent(what -> takeIn(name, what, call));
            return;
        }
        if (own.contains(name)) {
            return;
        }
        if (name.equals("rescue") || name.equals("always")) {
            problem(call, BlockBuilder.alone(name)); // a chained one, after a block's brace, is no call on this
            return;
        }
        if ((name.equals("block") || name.equals("flushHandlers")) && (inHandlers > 0 || inGate > 0)) {
            String what = inGate > 0 ? "a gate's checks" : "handlers";
            problem(call, name.equals("block") ? "block: " + what + " are tasks, not blocks; write the block among the"
                    + " play's tasks" : "flushHandlers: " + what + " cannot flush handlers; write it among the play's tasks");
            return;
        }
        if (name.equals("block")) {
            List<Expression> args = call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
            notifies.uses(displayName + ":" + call.getLineNumber(), keyword(args, "notify"));
            BlockBuilder.keywordProblems(namedArguments(args).stream().map(MapEntryExpression::getKeyExpression)
                    .filter(ConstantExpression.class::isInstance).map(k -> String.valueOf(((ConstantExpression) k)
                            .getValue())).toList()).forEach(p -> problem(call, p));
            return;
        }
        if (DSL.contains(name)) {
            return;
        }
        Module module = modules.find(name).orElse(null);
        if (module == null) {
            if (!GROOVY.contains(name)) {
                problem(call, "unknown module or method '" + name + "'" + modules.didYouMean(name));
            }
            return;
        }
        tasks++;
        List<Expression> args = call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
        notifies.uses(displayName + ":" + call.getLineNumber(), keyword(args, "notify"));
        if (inHandlers > 0) {
            // untitled, a handler is known by a name its parameters make: taken as unknown here
            Object title = args.stream().filter(a -> !(a instanceof MapExpression)).findFirst()
                    .map(StaticCheck::literal).orElse(NOT_LITERAL);
            notifies.handler(title, keyword(args, "listen"));
        }
        if (!args.stream().allMatch(a -> a instanceof MapExpression || a instanceof ConstantExpression)) {
            return; // parameters given as a variable or by code: known only when run
        }
        Map<String, Object> literal = new LinkedHashMap<>();
        Set<String> computed = new HashSet<>();
        for (MapEntryExpression e : namedArguments(args)) {
            if (!(e.getKeyExpression() instanceof ConstantExpression key)) {
                continue;
            }
            String k = String.valueOf(key.getValue());
            String param = TaskCollector.paramFor(module.spec(), k);
            if (param == null) {
                continue;
            }
            if (!param.equals(k)) {
                literal.put(param, Map.of()); // gathered (setFact's facts): what it holds is the task's own
                computed.add(param);
                continue;
            }
            Object v = literal(e.getValueExpression());
            literal.put(k, v == NOT_LITERAL ? null : v);
            if (v == NOT_LITERAL) {
                computed.add(k);
            }
        }
        args.stream().filter(x -> x instanceof ConstantExpression c && c.getValue() instanceof String).findFirst()
                .flatMap(title -> module.spec().primary().filter(p -> !literal.containsKey(p))
                        .map(p -> literal.put(p, ((ConstantExpression) title).getValue())));
        if (namedArguments(args).stream().anyMatch(e -> e.getKeyExpression() instanceof ConstantExpression k
                && "loop".equals(k.getValue()))) {
            computed.addAll(literal.keySet()); // each item's values are known only on the host
        }
        ParamValidator.problems(module.spec(), literal, computed).forEach(p -> problem(call, p));
    }

    private static java.util.Optional<String> literalTitle(MethodCallExpression call) {
        List<Expression> args = call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
        return args.stream().filter(x -> x instanceof ConstantExpression c && c.getValue() instanceof String)
                .map(x -> (String) ((ConstantExpression) x).getValue()).findFirst();
    }

    private void takeIn(String how, String what, MethodCallExpression call) {
        if (how.equals("importTasks")) {
            if (file.folder().escapes(what)) {
                problem(call, "importTasks: " + file.folder().outside(what));
                return;
            }
            file.sibling(what).ifPresentOrElse(f -> {
                        graph.edge(fileNode(file), fileNode(f), displayName + ":" + call.getLineNumber());
                        takenIn.add(f);
                    },
                    () -> problem(call, "importTasks: no task file '" + what + "' beside " + displayName));
            return;
        }
        graph.edge(fileNode(file), roleNode(what), displayName + ":" + call.getLineNumber());
        takeInRole(what, call);
    }

    /** Each literal {@code notify} that names no handler of the tree (a run also checks it play by play). */
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

    private void takeInRole(String name, MethodCallExpression call) {
        if (!rolesSeen.add(name)) {
            return;
        }
        try {
            Role r = roles.find(name).orElse(null);
            if (r == null) {
                problem(call, "no role '" + name + "' (looked in " + roles.searched() + ")");
                return;
            }
            String meta = r.dir.display() + "/meta/main.yml";
            r.tasks().ifPresent(f -> {
                graph.edge(roleNode(name), fileNode(f), meta);
                takenIn.add(f);
            });
            r.handlers().ifPresent(f -> {
                graph.edge(roleNode(name), fileNode(f), meta);
                handlerFiles.add(f.display());
                takenIn.add(f);
            });
            r.dependencies().forEach(d -> {
                graph.edge(roleNode(name), roleNode(d.role()), meta);
                takeInRole(d.role(), call);
            });
        } catch (DslException e) {
            problems.addAll(e.problems());
        }
    }

    static final Object NOT_LITERAL = new Object();

    /** A value written as a literal (a constant, or a list of them); anything else is known only when run. */
    private static Object literal(Expression e) {
        if (e instanceof ConstantExpression c) {
            return c.getValue();
        }
        if (e instanceof ListExpression l) {
            List<Object> out = new ArrayList<>();
            for (Expression x : l.getExpressions()) {
                Object v = literal(x);
                if (v == NOT_LITERAL) {
                    return NOT_LITERAL;
                }
                out.add(v);
            }
            return out;
        }
        return NOT_LITERAL;
    }

    /** The literal value of a named argument ({@code NOT_LITERAL} when computed), null when not given. */
    private static Object keyword(List<Expression> args, String name) {
        return namedArguments(args).stream()
                .filter(e -> e.getKeyExpression() instanceof ConstantExpression k && name.equals(k.getValue()))
                .findFirst().map(e -> literal(e.getValueExpression())).orElse(null);
    }

    /** A call's named arguments whose values are literals (a constant, a list of constants): the others are code's. */
    private static Map<String, Object> literals(MethodCallExpression call) {
        List<Expression> args = call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
        Map<String, Object> out = new LinkedHashMap<>();
        for (MapEntryExpression e : namedArguments(args)) {
            Object v = literal(e.getValueExpression());
            if (e.getKeyExpression() instanceof ConstantExpression k && v != NOT_LITERAL) {
                out.put(String.valueOf(k.getValue()), v);
            }
        }
        return out;
    }

    private static List<MapEntryExpression> namedArguments(List<Expression> args) {
        return args.stream().filter(MapExpression.class::isInstance)
                .flatMap(m -> ((MapExpression) m).getMapEntryExpressions().stream()).toList();
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
