package io.gplay.dsl.compile;

import groovyjarjarantlr4.v4.runtime.Parser;
import org.apache.groovy.parser.antlr4.Antlr4ParserPlugin;
import org.apache.groovy.parser.antlr4.AstBuilder;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ParserPlugin;
import org.codehaus.groovy.control.ParserPluginFactory;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.Reduction;

import java.lang.reflect.Field;

/**
 * Groovy's own parser with the cache of its full-context predictions on, so that a playbook's parse costs a
 * small, fixed amount a task however many tasks it has.
 *
 * <p>Groovy parses a file in ANTLR's fast SLL mode and, when that fails, again in LL mode. A command with named
 * parameters ({@code copy 'x', dest: '/tmp/x'}) fails SLL, so every playbook is parsed in LL, where a few
 * decisions a task are predicted with their full context, and each {@code play(...) { ... }} is predicted by
 * reading to its closure's end (the grammar lets the closure be the call's or a command's argument). Without the
 * cache ANTLR works each of those out from the grammar again, token by token: 1.9 MB allocated a task, 12 s of
 * CPU for 2000 tasks, 145 s for 20,000. With it (the ANTLR runtime's own option, which Groovy leaves off),
 * repeated tasks are predicted from the cache, and the parse is the same (checked: the same parse trees with
 * and without it for 2519 .groovy files of Groovy 4.0.32's own source). The option sits on the parser that
 * Groovy's {@link AstBuilder} makes and keeps private, hence the reflection; Groovy is pinned in the build, and
 * {@code LargePlaybookSpec} fails if this stops taking effect.
 */
public final class PlaybookParser extends ParserPluginFactory {
    private static final Field PARSER = parserField();

    @Override
    public ParserPlugin createParserPlugin() {
        return new Antlr4ParserPlugin() {
            @Override
            public ModuleNode buildAST(SourceUnit source, ClassLoader loader, Reduction cst) {
                AstBuilder builder = new AstBuilder(source, source.getConfiguration().isGroovydocEnabled(),
                        source.getConfiguration().isRuntimeGroovydocEnabled());
                try {
                    ((Parser) PARSER.get(builder)).getInterpreter().enable_global_context_dfa = true;
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                return builder.buildAST();
            }
        };
    }

    /**
     * A file's syntax tree as written, parsed as a playbook is and no further (nothing run, no transform): for
     * reading a call's source when the plan is made.
     */
    public static ModuleNode parse(SourceFile file) {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setPluginFactory(new PlaybookParser());
        CompilationUnit cu = new CompilationUnit(cc);
        cu.addSource(file.fileName(), file.text());
        cu.compile(Phases.CONVERSION);
        return cu.getAST().getModules().get(0);
    }

    private static Field parserField() {
        try {
            Field f = AstBuilder.class.getDeclaredField("parser");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Groovy's AstBuilder has no parser field; see PlaybookParser", e);
        }
    }
}
