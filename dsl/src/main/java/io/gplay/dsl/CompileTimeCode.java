package io.gplay.dsl;

import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.Set;

/**
 * Refuses the annotations that run or fetch code while a playbook is compiled ({@code @ASTTest} runs its
 * closure in the compiler; {@code @Grab} downloads and loads libraries), so that compiling a playbook, as
 * {@code --syntax-check} does, never runs any of it.
 */
final class CompileTimeCode extends CompilationCustomizer {
    private static final Set<String> REFUSED = Set.of("ASTTest", "Grab", "Grapes", "GrabConfig", "GrabResolver",
            "GrabExclude");

    CompileTimeCode() {
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
            public void visitAnnotations(AnnotatedNode node) {
                for (AnnotationNode a : node.getAnnotations()) {
                    String name = a.getClassNode().getNameWithoutPackage();
                    if (REFUSED.contains(name)) {
                        source.getErrorCollector().addError(new SyntaxErrorMessage(new SyntaxException("@" + name
                                + " runs or fetches code while the playbook is compiled, which gplay does not allow",
                                a.getLineNumber(), a.getColumnNumber()), source));
                    }
                }
                super.visitAnnotations(node);
            }
        }.visitClass(classNode);
    }
}
