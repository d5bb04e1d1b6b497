package io.gplay.dsl.compile;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets a play hold thousands of tasks. The JVM limits a method to 64 KB of bytecode, and a play's block is one
 * method, so 2000 tasks failed with "Method too large" and no line. A block of more than {@link #CHUNK} task
 * calls has its runs of calls moved into blocks of their own, each called in place ({@code { ... }.call()}):
 * the same calls in the same order, resolved through the same owner, with their own lines. Only plain calls
 * move, never a declaration, a {@code return} or a loop, whose meaning depends on where they stand.
 */
final class LargeBlocks extends CompilationCustomizer {
    static final int CHUNK = 100;

    LargeBlocks() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitBlockStatement(BlockStatement block) {
                super.visitBlockStatement(block);
                split(block);
            }
        }.visitClass(classNode);
    }

    private static void split(BlockStatement block) {
        List<Statement> statements = block.getStatements();
        while (statements.size() > CHUNK) {
            List<Statement> out = new ArrayList<>();
            List<Statement> run = new ArrayList<>();
            for (Statement s : statements) {
                if (isCall(s)) {
                    run.add(s);
                    if (run.size() == CHUNK) {
                        out.add(inPlace(run));
                        run = new ArrayList<>();
                    }
                } else {
                    out.addAll(run.size() > 1 ? List.of(inPlace(run)) : run);
                    run = new ArrayList<>();
                    out.add(s);
                }
            }
            out.addAll(run.size() > 1 ? List.of(inPlace(run)) : run);
            if (out.size() >= statements.size()) {
                return; // nothing left to move: declarations and loops stay where they are
            }
            statements.clear();
            statements.addAll(out);
        }
    }

    private static boolean isCall(Statement s) {
        return s instanceof ExpressionStatement e && e.getExpression() instanceof MethodCallExpression;
    }

    private static Statement inPlace(List<Statement> run) {
        BlockStatement body = new BlockStatement(new ArrayList<>(run), null);
        body.setSourcePosition(run.get(0));
        ClosureExpression closure = new ClosureExpression(Parameter.EMPTY_ARRAY, body);
        closure.setSourcePosition(run.get(0));
        MethodCallExpression call = new MethodCallExpression(closure, "call", ArgumentListExpression.EMPTY_ARGUMENTS);
        call.setImplicitThis(false); // a call on the block, not a module call (StaticCheck reads implicit ones)
        call.setSourcePosition(run.get(0));
        ExpressionStatement statement = new ExpressionStatement(call);
        statement.setSourcePosition(run.get(0));
        return statement;
    }
}
