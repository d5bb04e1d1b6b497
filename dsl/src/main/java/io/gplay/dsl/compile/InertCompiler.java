package io.gplay.dsl.compile;

import groovy.lang.GroovyClassLoader;
import io.gplay.dsl.DslException;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles the files of a tree for {@code --syntax-check} without loading any of them: each file is compiled to
 * its classes in memory together with the sources of the tree's libraries, so that the libraries' classes and
 * methods are known by name, and no class of the tree is ever defined in the JVM, so none can be initialised,
 * instantiated or run. What Groovy's compiler itself loads to run comes only from {@link TransformLoader}.
 */
public final class InertCompiler {
    private final List<SourceFile> libraries = new ArrayList<>();
    private final Class<?> libraryBase;
    private final TransformLoader transforms = new TransformLoader();
    private final List<String> libraryProblems = new ArrayList<>();
    private final Set<String> libraryMethods = new LinkedHashSet<>();

    /** The libraries compiled once on their own: their problems, and the names of their top-level methods. */
    public InertCompiler(List<SourceFile> libraries, Class<?> libraryBase) {
        this.libraryBase = libraryBase;
        addLibraries(libraries);
    }

    /**
     * More libraries (a role's {@code lib/}, at its use), compiled with every file compiled after; their problems,
     * which {@link #libraryProblems} holds too.
     */
    public List<String> addLibraries(List<SourceFile> more) {
        List<String> problems = new ArrayList<>();
        for (SourceFile lib : more) {
            try {
                CompilationUnit cu = unit(libraryBase);
                SourceUnit unit = cu.addSource(ScriptCompiler.nameOf(lib), lib.text());
                libraries.forEach(l -> cu.addSource(ScriptCompiler.nameOf(l), l.text()));
                ScriptCompiler.compile(cu, Phases.CLASS_GENERATION, lib);
                unit.getAST().getClasses().stream().filter(ClassNode::isScript)
                        .flatMap(c -> c.getMethods().stream()).map(MethodNode::getName).forEach(libraryMethods::add);
                libraries.add(lib);
            } catch (DslException e) {
                problems.addAll(e.problems());
            }
        }
        libraryProblems.addAll(problems);
        return problems;
    }

    public List<String> libraryProblems() {
        return libraryProblems;
    }

    /** The names of the libraries' methods, which a file of the tree may call. */
    public Set<String> libraryMethods() {
        return libraryMethods;
    }

    /** The file compiled to its classes with {@code base} as its script base class, checked, and not loaded. */
    public SourceUnit compile(SourceFile file, String scriptName, Class<?> base) {
        CompilationUnit cu = unit(base);
        SourceUnit source = cu.addSource(scriptName, file.text());
        libraries.forEach(lib -> cu.addSource(ScriptCompiler.nameOf(lib), lib.text()));
        ScriptCompiler.compile(cu, Phases.CLASS_GENERATION, file);
        return source;
    }

    private CompilationUnit unit(Class<?> base) {
        CompilerConfiguration cc = ScriptCompiler.config(base);
        return new CompilationUnit(cc, null, new GroovyClassLoader(InertCompiler.class.getClassLoader(), cc), transforms);
    }
}
