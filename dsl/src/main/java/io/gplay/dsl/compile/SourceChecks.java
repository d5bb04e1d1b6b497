package io.gplay.dsl.compile;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.AnnotationConstantExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.Set;

/**
 * What only a playbook's source, as it is compiled, can tell; each refusal is a syntax error at its line and
 * column:
 * <ul>
 * <li>{@code mode: 644}: a decimal number, which as a mode is 01204 (sticky, write-only for the owner), not what
 * its author meant. Only the literal's text tells it from the octal literal {@code 0644}; a string
 * {@code '0644'} or an octal literal passes.</li>
 * <li>The annotations that run or fetch code while a playbook is compiled ({@code @ASTTest} runs its closure in
 * the compiler; {@code @Grab} downloads and loads libraries), under their own name or an alias, so that the
 * author reads why at the line; {@link TransformLoader} refuses them whatever the name. An AST transformation
 * defined in the tree is refused at its definition for the same reason.</li>
 * <li>An annotation's value that is code ({@code mode = pick()}, a GString): Groovy's compiler runs such a
 * value to learn it ({@code StaticTypeCheckingSupport.evaluateExpression}), so only constants, class names,
 * their constants, lists of those, nested annotations and closures (compiled, not run) are taken.</li>
 * </ul>
 */
final class SourceChecks extends CompilationCustomizer {
    /** Where Groovy's parser keeps an integer literal's text, as written. */
    private static final String LITERAL_TEXT = "_INTEGER_LITERAL_TEXT";
    private static final Set<String> COMPILE_TIME_CODE = Set.of("groovy.transform.ASTTest", "groovy.lang.Grab",
            "groovy.lang.Grapes", "groovy.lang.GrabConfig", "groovy.lang.GrabResolver", "groovy.lang.GrabExclude",
            // a transformation of the tree would run inside the compiler; TransformLoader would not find it
            "org.codehaus.groovy.transform.GroovyASTTransformation",
            "org.codehaus.groovy.transform.GroovyASTTransformationClass");

    SourceChecks() {
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
            public void visitMapEntryExpression(MapEntryExpression entry) {
                if (entry.getKeyExpression() instanceof ConstantExpression key && "mode".equals(key.getValue())
                        && entry.getValueExpression() instanceof ConstantExpression value
                        && value.getNodeMetaData(LITERAL_TEXT) instanceof String text
                        && !text.startsWith("0")) {
                    refuse(source, value, "mode: " + text + " is a decimal number (0" + Integer.toOctalString(
                            ((Number) value.getValue()).intValue()) + " as a mode); write '0" + text + "' or 0" + text);
                }
                super.visitMapEntryExpression(entry);
            }

            @Override
            protected void visitAnnotation(AnnotationNode a) {
                String name = fullName(source, a.getClassNode().getName());
                if (COMPILE_TIME_CODE.contains(name)) {
                    refuse(source, a, "@" + name + " runs or fetches code while the playbook is compiled,"
                            + " which gplay does not allow");
                }
                a.getMembers().forEach((member, value) -> {
                    if (!constant(value, true)) {
                        refuse(source, value, "@" + a.getClassNode().getNameWithoutPackage() + "(" + member + " = ...):"
                                + " an annotation's value must be a constant, a class or its constant, or a list of"
                                + " those (Groovy's compiler would run this code to learn it)");
                    }
                });
                super.visitAnnotation(a);
            }

            @Override
            public void visitImports(ModuleNode module) {
                if (module != null && module.getClasses().indexOf(classNode) == 0) {
                    super.visitImports(module); // once a file, not once a class
                }
            }
        }.visitClass(classNode);
    }

    /** A name as written, resolved through the file's aliased imports ({@code import groovy.transform.ASTTest as T}). */
    private static String fullName(SourceUnit source, String name) {
        ImportNode imported = name.contains(".") ? null : source.getAST().getImport(name);
        if (imported != null) {
            return imported.getType().getName();
        }
        if (!name.contains(".")) {
            for (String known : COMPILE_TIME_CODE) {
                if (known.endsWith("." + name)) {
                    return known; // groovy.lang is imported by default; a star import of groovy.transform too
                }
            }
        }
        return name;
    }

    /** Whether Groovy's compiler can take {@code e} as it is written, without running it. */
    private static boolean constant(Expression e, boolean top) {
        if (e instanceof ConstantExpression || e instanceof ClassExpression || e instanceof VariableExpression) {
            return true;
        }
        if (e instanceof AnnotationConstantExpression a) {
            return ((AnnotationNode) a.getValue()).getMembers().values().stream().allMatch(v -> constant(v, true));
        }
        if (e instanceof PropertyExpression p) {
            return p.getProperty() instanceof ConstantExpression && constant(p.getObjectExpression(), false);
        }
        if (e instanceof ListExpression l) {
            return l.getExpressions().stream().allMatch(x -> constant(x, false));
        }
        if (e instanceof UnaryMinusExpression u) {
            return u.getExpression() instanceof ConstantExpression;
        }
        return top && e instanceof ClosureExpression; // compiled to a class; run only by the code that reads it
    }

    private static void refuse(SourceUnit source, ASTNode at, String message) {
        source.getErrorCollector().addError(new SyntaxErrorMessage(new SyntaxException(message, at.getLineNumber(),
                at.getColumnNumber()), source));
    }
}
