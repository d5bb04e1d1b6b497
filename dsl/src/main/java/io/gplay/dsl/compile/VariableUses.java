package io.gplay.dsl.compile;

import groovy.lang.Closure;
import io.gplay.engine.plan.HostScope;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BooleanExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ElvisOperatorExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NotExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TernaryExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.IfStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The variables a per-host value needs, found in its source so that a name no targeted host defines is an
 * error before any connection ({@code 'app_versoin' is not defined}). Each closure given as a named parameter
 * ({@code content: { ... }}), or as an item of a list ({@code argv: ['echo', { ... }]}), is compiled as
 * {@code VariableUses.tag(closure, needed, all)}, which remembers its names: {@code vars.NAME} and bare {@code NAME}s
 * that are no local variable. A name read where a missing value is expected is optional and left out:
 * {@code vars.x ?: 'default'}, {@code vars.x != null}, {@code if (vars.x)}, {@code vars.x ? a : b},
 * {@code vars?.x}, {@code vars.x?.trim()}.
 */
public final class VariableUses extends CompilationCustomizer {
    /** The names every per-host value has (the scope's own, and a closure's); never a variable of the host's. */
    static final Set<String> SCOPE = Stream.concat(HostScope.NAMES.stream(),
            Stream.of("this", "owner", "delegate", "it")).collect(Collectors.toUnmodifiableSet());

    /** What a tagged closure reads: the names it needs, and every name it reads, optional ones too. */
    public record Reads(Set<String> needed, Set<String> all) {
    }

    private static final Map<Closure<?>, Reads> NAMES = Collections.synchronizedMap(new WeakHashMap<>());

    VariableUses() {
        super(CompilePhase.CANONICALIZATION);
    }

    /** Called by compiled playbooks: the closure, remembered with the variables it needs and all it reads. */
    public static Closure<?> tag(Closure<?> closure, List<String> needed, List<String> all) {
        NAMES.put(closure, new Reads(new LinkedHashSet<>(needed), new LinkedHashSet<>(all)));
        return closure;
    }

    /** What a closure of a playbook reads; nothing for one not tagged. */
    public static Reads of(Closure<?> closure) {
        return NAMES.getOrDefault(closure, new Reads(Set.of(), Set.of()));
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeExpressionTransformer() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public Expression transform(Expression e) {
                if (e instanceof MapEntryExpression entry && entry.getValueExpression() instanceof ClosureExpression c) {
                    c.getCode().visit(this);
                    MapEntryExpression tagged = new MapEntryExpression(entry.getKeyExpression(), tagged(c));
                    tagged.setSourcePosition(entry);
                    return tagged;
                }
                if (e instanceof ClosureExpression c) {
                    c.getCode().visit(this); // a play's block, say: its tasks' closures are tagged too
                    return c;
                }
                if (e instanceof ListExpression l
                        && l.getExpressions().stream().anyMatch(ClosureExpression.class::isInstance)) {
                    // a closure in a list parameter is a per-host value too: argv: ['echo', { vars.x }]
                    ListExpression tagged = new ListExpression();
                    l.getExpressions().forEach(x -> {
                        if (x instanceof ClosureExpression c) {
                            c.getCode().visit(this);
                        }
                        tagged.addExpression(x instanceof ClosureExpression c ? tagged(c) : transform(x));
                    });
                    tagged.setSourcePosition(l);
                    return tagged;
                }
                return super.transform(e);
            }
        }.visitClass(classNode);
    }

    private static Expression tagged(ClosureExpression c) {
        Finder finder = new Finder();
        c.getCode().visit(finder);
        StaticMethodCallExpression call = new StaticMethodCallExpression(ClassHelper.make(VariableUses.class), "tag",
                new ArgumentListExpression(c, constants(finder.names), constants(finder.all)));
        call.setSourcePosition(c);
        return call;
    }

    private static ListExpression constants(Set<String> names) {
        ListExpression list = new ListExpression();
        names.forEach(n -> list.addExpression(new ConstantExpression(n)));
        return list;
    }

    /** Walks a closure's code for the names it reads, and those of them that must be defined. */
    private static final class Finder extends CodeVisitorSupport {
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> all = new LinkedHashSet<>();
        /** Names a condition around the code being read has tested: {@code vars.x ? vars.x : y}. */
        private final Set<String> guarded = new java.util.HashSet<>();
        private int optional;

        private void optionally(Expression e) {
            optional++;
            e.visit(this);
            optional--;
        }

        @Override
        public void visitPropertyExpression(PropertyExpression p) {
            if (p.getObjectExpression() instanceof VariableExpression v && v.getName().equals("vars")
                    && v.getAccessedVariable() instanceof DynamicVariable && p.getProperty() instanceof ConstantExpression k) {
                all.add(String.valueOf(k.getValue()));
                if (optional == 0 && !p.isSafe() && !guarded.contains(String.valueOf(k.getValue()))) {
                    names.add(String.valueOf(k.getValue()));
                }
                return;
            }
            if (p.isSafe()) {
                optionally(p.getObjectExpression());
                p.getProperty().visit(this);
                return;
            }
            super.visitPropertyExpression(p);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            if (call.isSafe()) {
                optionally(call.getObjectExpression());
                call.getArguments().visit(this);
                return;
            }
            super.visitMethodCallExpression(call);
        }

        @Override
        public void visitVariableExpression(VariableExpression v) {
            if (v.getAccessedVariable() instanceof DynamicVariable && !SCOPE.contains(v.getName())) {
                all.add(v.getName());
                if (optional == 0 && !guarded.contains(v.getName())) {
                    names.add(v.getName());
                }
            }
        }

        @Override
        public void visitTernaryExpression(TernaryExpression e) {
            Set<String> tested = tested(e.getBooleanExpression());
            e.getBooleanExpression().visit(this);
            within(tested, e.getTrueExpression());
            within(tested, e.getFalseExpression());
        }

        @Override
        public void visitIfElse(IfStatement s) {
            Set<String> tested = tested(s.getBooleanExpression());
            s.getBooleanExpression().visit(this);
            within(tested, s.getIfBlock());
            within(tested, s.getElseBlock());
        }

        private static Set<String> tested(Expression condition) {
            Finder f = new Finder();
            condition.visit(f);
            return f.all;
        }

        private void within(Set<String> tested, org.codehaus.groovy.ast.ASTNode code) {
            Set<String> added = new LinkedHashSet<>(tested);
            added.removeAll(guarded);
            guarded.addAll(added);
            code.visit(this);
            guarded.removeAll(added);
        }

        @Override
        public void visitShortTernaryExpression(ElvisOperatorExpression e) {
            optionally(e.getTrueExpression());
            e.getFalseExpression().visit(this);
        }

        @Override
        public void visitBooleanExpression(BooleanExpression e) {
            optionally(e.getExpression());
        }

        @Override
        public void visitNotExpression(NotExpression e) {
            optionally(e.getExpression());
        }

        @Override
        public void visitBinaryExpression(BinaryExpression e) {
            int op = e.getOperation().getType();
            boolean nullTest = (op == Types.COMPARE_EQUAL || op == Types.COMPARE_NOT_EQUAL)
                    && (isNull(e.getLeftExpression()) || isNull(e.getRightExpression()));
            if (nullTest || op == Types.LOGICAL_AND || op == Types.LOGICAL_OR) {
                optionally(e.getLeftExpression());
                optionally(e.getRightExpression());
                return;
            }
            super.visitBinaryExpression(e);
        }

        private static boolean isNull(Expression e) {
            return e instanceof ConstantExpression c && c.isNullExpression();
        }
    }
}
