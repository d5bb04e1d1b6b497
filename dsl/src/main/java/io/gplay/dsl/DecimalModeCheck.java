package io.gplay.dsl;

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

/**
 * Refuses {@code mode: 644}: a decimal number, which as a mode is 01204 (sticky, write-only for the owner), not
 * what its author meant. Only the literal's text tells it from the octal literal {@code 0644}, so this runs on
 * the source as it is compiled; a string {@code '0644'} or an octal literal passes.
 */
final class DecimalModeCheck extends CompilationCustomizer {
    /** Where Groovy's parser keeps an integer literal's text, as written. */
    private static final String LITERAL_TEXT = "_INTEGER_LITERAL_TEXT";

    DecimalModeCheck() {
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
                    source.getErrorCollector().addError(new SyntaxErrorMessage(new SyntaxException(
                            "mode: " + text + " is a decimal number (0" + Integer.toOctalString(
                                    ((Number) value.getValue()).intValue()) + " as a mode); write '0" + text
                                    + "' or 0" + text, value.getLineNumber(), value.getColumnNumber()), source));
                }
                super.visitMapEntryExpression(entry);
            }
        }.visitClass(classNode);
    }
}
