package io.gplay.dsl.build;

import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.PlaybookParser;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.compile.VariableUses;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ReturnStatement;
import org.codehaus.groovy.ast.stmt.Statement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The files an {@code includeTasks} whose name a closure computes per host may pick, read from the closure as
 * written (D53). A closure that is one text ({@code "os/setup-${facts.osFamily}.groovy"}) names the {@code .groovy}
 * files of the folder its literal start names ({@code os/}) that begin and end as the text does
 * ({@code setup-*.groovy}); any other closure, every {@code .groovy} file beside the including file. The plan and
 * {@code --syntax-check} both read a closure so, and take in each of these files.
 */
public record IncludeNames(String folder, String prefix, String suffix) {
    private static final String GROOVY = ".groovy";
    /** Any other closure's: every {@code .groovy} file beside the including file. */
    static final IncludeNames BESIDE = new IncludeNames("", "", "");

    /** The names a closure given to includeTasks can pick, read from its source (also when compiled as a tagged value). */
    public static IncludeNames of(Expression written) {
        Expression e = written instanceof StaticMethodCallExpression m
                && m.getOwnerType().getName().equals(VariableUses.class.getName())
                && m.getArguments() instanceof TupleExpression t ? t.getExpression(0) : written;
        Expression text = e instanceof ClosureExpression c ? only(c.getCode()) : null;
        List<String> parts = new ArrayList<>();
        if (text instanceof ConstantExpression k && k.getValue() instanceof String s) {
            parts.add(s);
        } else if (text instanceof GStringExpression g) {
            g.getStrings().forEach(s -> parts.add(Objects.toString(s.getValue(), "")));
        } else {
            return BESIDE;
        }
        String first = parts.get(0);
        boolean folderComputed = parts.subList(1, parts.size()).stream().anyMatch(s -> s.contains("/"));
        if (folderComputed) {
            return BESIDE; // the value decides the folder: nothing to read here
        }
        int slash = first.lastIndexOf('/');
        String folder = slash < 0 ? "" : slash == 0 ? "/" : Path.of(first.substring(0, slash)).normalize().toString();
        return new IncludeNames(folder, first.substring(slash + 1), parts.size() == 1 ? "" : parts.get(parts.size() - 1));
    }

    /** The names the includeTasks call written at {@code line} of {@code file} can pick ({@link #BESIDE} if not found). */
    static IncludeNames at(SourceFile file, int line) {
        IncludeNames[] found = {null};
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (found[0] == null && call.getMethodAsString() != null && call.getMethodAsString().equals("includeTasks")
                        && call.getLineNumber() <= line && line <= call.getLastLineNumber()) {
                    found[0] = ofCall(call);
                }
                super.visitMethodCallExpression(call);
            }
        };
        ModuleNode module = PlaybookParser.parse(file);
        module.getStatementBlock().visit(visitor);
        module.getClasses().forEach(c -> c.getMethods().forEach(m -> {
            if (m.getCode() != null) {
                m.getCode().visit(visitor);
            }
        }));
        return found[0] == null ? BESIDE : found[0];
    }

    /** The names an includeTasks call's closure (its argument, or {@code file:}) can pick. */
    public static IncludeNames ofCall(MethodCallExpression call) {
        List<Expression> args = call.getArguments() instanceof ArgumentListExpression a ? a.getExpressions()
                : call.getArguments() instanceof TupleExpression t ? t.getExpressions() : List.of();
        for (Expression a : args) {
            if (a instanceof MapExpression m) {
                for (var x : m.getMapEntryExpressions()) {
                    if (x.getKeyExpression() instanceof ConstantExpression k && "file".equals(k.getValue())) {
                        return of(x.getValueExpression());
                    }
                }
            } else if (a instanceof ClosureExpression) {
                return of(a);
            }
        }
        return BESIDE;
    }

    /** The files it can pick, by their names from the including file's folder ({@code os/RedHat.groovy}). */
    public List<String> files(SourceFile from) {
        CodeFolder in = folder.isEmpty() ? from.folder() : from.folder().folder(folder);
        String at = folder.isEmpty() ? "" : folder + "/";
        return in.names(GROOVY).stream()
                .filter(n -> n.startsWith(prefix) && n.endsWith(suffix) && n.length() >= prefix.length() + suffix.length())
                .filter(n -> !(folder.isEmpty() && n.equals(from.fileName())))
                .filter(n -> !in.escapes(n) && in.regularFile(n).isPresent())
                .map(n -> at + n).toList();
    }

    /** What it can pick, in words: "the .groovy files of os/ named setup-*.groovy beside site.groovy". */
    public String describe(SourceFile from) {
        String pattern = prefix + "*" + (suffix.endsWith(GROOVY) ? suffix : suffix.isEmpty() ? GROOVY
                : suffix + "*" + GROOVY);
        String named = pattern.equals("*" + GROOVY) ? "" : " named " + pattern;
        return "the .groovy files " + (folder.isEmpty() ? "beside " + from.display() : "in " + folder + "/ beside "
                + from.display()) + named;
    }

    private static Expression only(Statement code) {
        Statement s = code instanceof BlockStatement b && b.getStatements().size() == 1 ? b.getStatements().get(0) : code;
        return s instanceof ExpressionStatement x ? x.getExpression() : s instanceof ReturnStatement r
                ? r.getExpression() : null;
    }
}
