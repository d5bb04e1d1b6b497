package io.gplay.dsl;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
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
 * the compiler; {@code @Grab} downloads and loads libraries), so that compiling a playbook, as
 * {@code --syntax-check} does, never runs any of it.</li>
 * </ul>
 */
final class SourceChecks extends CompilationCustomizer {
    /** Where Groovy's parser keeps an integer literal's text, as written. */
    private static final String LITERAL_TEXT = "_INTEGER_LITERAL_TEXT";
    private static final Set<String> COMPILE_TIME_CODE = Set.of("ASTTest", "Grab", "Grapes", "GrabConfig",
            "GrabResolver", "GrabExclude");

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
            public void visitAnnotations(AnnotatedNode node) {
                for (AnnotationNode a : node.getAnnotations()) {
                    String name = a.getClassNode().getNameWithoutPackage();
                    if (COMPILE_TIME_CODE.contains(name)) {
                        refuse(source, a, "@" + name + " runs or fetches code while the playbook is compiled,"
                                + " which gplay does not allow");
                    }
                }
                super.visitAnnotations(node);
            }
        }.visitClass(classNode);
    }

    private static void refuse(SourceUnit source, ASTNode at, String message) {
        source.getErrorCollector().addError(new SyntaxErrorMessage(new SyntaxException(message, at.getLineNumber(),
                at.getColumnNumber()), source));
    }
}
