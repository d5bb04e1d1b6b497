package io.gplay.dsl.compile;

import groovy.lang.GroovyClassLoader;
import io.gplay.dsl.DslException;
import io.gplay.engine.module.Module;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.GroovyBugError;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Compiles the files of a playbook's tree (the playbook, its task files, roles and libraries), each cached by
 * its content (compiling costs 1–2 s on a cold JVM, loading a cached class a few milliseconds). Classes of the
 * libraries compiled so far are visible to every file compiled after them, and part of its cache key.
 */
public final class ScriptCompiler {
    /**
     * What compiled a cached file: the DSL's own build (its jar's or classes' time), so that a cache entry
     * compiled by another gplay, whose compiled form or compile-time checks differ, is never loaded.
     */
    private static final String COMPILER = compilerBuild();

    private final Path cacheDir;
    /** What the compiler loads code to run from while compiling: gplay's class path, never the tree. */
    private final TransformLoader transforms = new TransformLoader();
    /** The libraries' classes: the parent of every file's loader. */
    private final GroovyClassLoader libraries;
    private final StringBuilder librariesKey = new StringBuilder();
    /** The libraries' classes (their class files' names) by the library that holds each. */
    private final java.util.Map<String, SourceFile> libraryClasses = new java.util.HashMap<>();
    /** The script base class of the libraries. */
    private final Class<?> libraryBase;

    public ScriptCompiler(Path cacheDir, Class<?> libraryBase) {
        this.cacheDir = cacheDir;
        this.libraryBase = libraryBase;
        this.libraries = new GroovyClassLoader(ScriptCompiler.class.getClassLoader(), config(libraryBase));
    }

    /**
     * The class of a file, compiled (or taken from the cache) with {@code base} as its script base class;
     * {@code scriptName} names it in stack traces, and so must differ between the files of one tree.
     */
    public Class<?> compile(SourceFile file, String scriptName, Class<?> base) {
        Path dir = cached(file, scriptName, base);
        try {
            GroovyClassLoader loader = new GroovyClassLoader(libraries, config(base));
            loader.addURL(dir.toUri().toURL());
            return loader.loadClass(Files.readString(dir.resolve("main")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled playbook cache at " + dir + " is damaged; remove it", e);
        }
    }

    /**
     * A library's class, compiled as {@link #compile} does and loaded with the other libraries, so that its
     * classes are the same ones for every file compiled after it.
     */
    public Class<?> library(SourceFile file, String scriptName) {
        Path dir = cached(file, scriptName, libraryBase);
        try {
            refuseTwice(file, dir);
            libraries.addURL(dir.toUri().toURL());
            librariesKey.append(sha256(file.text())).append(' ');
            return libraries.loadClass(Files.readString(dir.resolve("main")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled playbook cache at " + dir + " is damaged; remove it", e);
        }
    }

    /**
     * A class of a library named as one of an earlier library's is refused: the libraries share one loader, where
     * the first of a name would quietly stand for both (a role's {@code lib/} and the playbook's, say).
     */
    private void refuseTwice(SourceFile file, Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (String c : s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class")).sorted().toList()) {
                SourceFile other = libraryClasses.putIfAbsent(c, file);
                if (other != null && !other.display().equals(file.display())) {
                    String name = c.substring(0, c.length() - ".class".length());
                    throw new DslException(List.of(file.display() + ":" + lineOf(file, name) + ": class " + name
                            + " is a class of " + other.display() + ":" + lineOf(other, name) + " too; the libraries'"
                            + " classes share one name space: rename one of them"));
                }
            }
        }
    }

    /** The line that declares the class {@code name} (a top-level one: no {@code $}), or 1. */
    private static int lineOf(SourceFile file, String name) {
        List<String> lines = file.text().lines().toList();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(".*\\b(class|interface|enum|trait|record)\\s+" + java.util.regex.Pattern.quote(simple) + "\\b.*")) {
                return i + 1;
            }
        }
        return 1;
    }

    /** The folder of the file's compiled classes, compiled now when the cache does not hold them. */
    private Path cached(SourceFile file, String scriptName, Class<?> base) {
        String key = sha256(COMPILER + "\0" + base.getName() + "\0" + scriptName + "\0" + librariesKey + "\0" + file.text());
        Path dir = cacheDir.resolve(key);
        try {
            if (!Files.isRegularFile(dir.resolve("main"))) {
                compileInto(dir, file, scriptName, base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * The name a file of the tree is compiled under, which its stack frames carry: unique in the tree, as it is
     * made of the file's path ({@code roles/ctdb/tasks/main.groovy}), and with a {@code $} no author writes.
     */
    public static String nameOf(SourceFile file) {
        return "gplay$" + file.display().replace(" (bundled)", "_bundled").replaceAll("[^A-Za-z0-9_]", "_") + ".groovy";
    }

    /**
     * The configuration a file is compiled with; {@code base} {@link Module} is a module of the tree's own
     * ({@code modules/NAME.groovy}): a plain Groovy class, with the SPI's classes imported and no DSL checks.
     */
    static CompilerConfiguration config(Class<?> base) {
        CompilerConfiguration cc = new CompilerConfiguration();
        // @Grab would fetch and load code while compiling; nothing a playbook needs
        cc.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        if (base == Module.class) {
            cc.addCompilationCustomizers(new ImportCustomizer().addImports("io.gplay.engine.shell.Cmd")
                    .addStarImports("io.gplay.engine.module"));
            return cc;
        }
        cc.setScriptBaseClass(base.getName());
        cc.setPluginFactory(new PlaybookParser());
        cc.addCompilationCustomizers(new ImportCustomizer().addImports("io.gplay.engine.shell.Cmd"),
                new SourceChecks(), new LargeBlocks(), new VariableUses());
        return cc;
    }

    private void compileInto(Path dir, SourceFile file, String scriptName, Class<?> base) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, "tmp-");
        CompilerConfiguration cc = config(base);
        cc.setTargetDirectory(tmp.toFile());
        CompilationUnit cu = new CompilationUnit(cc, null, new GroovyClassLoader(libraries, cc), transforms);
        cu.addSource(scriptName, file.text());
        try {
            compile(cu, Phases.OUTPUT, file);
        } catch (RuntimeException | Error e) {
            deleteTree(tmp);
            throw e;
        }
        String main = cu.getAST().getClasses().stream()
                .filter(c -> c.getSuperClass().getName().equals(base.getName())
                        || c.implementsInterface(ClassHelper.make(base)))
                .map(c -> c.getName()).findFirst().orElse(cu.getFirstClassNode().getName());
        Files.writeString(tmp.resolve("main"), main);
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileSystemException e) {
            // Linux reports a folder another gplay moved there first as a plain "Directory not empty"
            deleteTree(tmp);
            if (!Files.isRegularFile(dir.resolve("main"))) {
                throw e;
            }
        }
    }

    /** Compiles to {@code phase}; the file's problems, or a heap too small to compile it, as a DslException. */
    static void compile(CompilationUnit cu, int phase, SourceFile file) {
        try {
            cu.compile(phase);
        } catch (MultipleCompilationErrorsException e) {
            throw new DslException(messages(file, e));
        } catch (GroovyBugError e) {
            // what the compiler loads to run (a closure-parameter hint, say) is not found: see TransformLoader
            throw new DslException(List.of(file.display() + ": Groovy's compiler stopped: " + e.getMessage()
                    .replaceFirst("^BUG! ", "") + " (code the compiler would run comes only from Groovy and gplay)"));
        } catch (CompilationFailedException | OutOfMemoryError e) {
            // Groovy's parser reports running out of memory as "parsing failed", which reads as a syntax error
            if (!outOfMemory(e)) {
                throw e;
            }
            throw new DslException(List.of(file.display() + ": ran out of memory compiling it (gplay's heap is at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; compiling takes about 20 KB a task):"
                    + " give it more, e.g. GPLAY_JAVA_OPTS=-Xmx4g"));
        }
    }

    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static List<String> messages(SourceFile file, MultipleCompilationErrorsException e) {
        List<String> out = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                var se = s.getCause();
                out.add(SyntaxProblem.describe(file.display(), file.text(), se.getStartLine(), se.getStartColumn(),
                        se.getOriginalMessage()));
            } else if (m instanceof ExceptionMessage em) {
                out.add(file.display() + ": " + em.getCause().getMessage());
            } else if (m instanceof SimpleMessage sm) {
                out.add(file.display() + ": " + refusedTransform(sm.getMessage()));
            } else {
                out.add(file.display() + ": " + m);
            }
        }
        return out;
    }

    /** Groovy's word for a transformation {@link TransformLoader} did not load, said as what it means here. */
    private static String refusedTransform(String message) {
        var m = java.util.regex.Pattern.compile("Could not find class for Transformation Processor (\\S+) declared by (\\S+)")
                .matcher(message);
        return !m.find() ? message : "@" + m.group(2) + " would run code while the playbook is compiled (its"
                + " transformation " + m.group(1) + (TransformLoader.REFUSED.contains(m.group(1)) ? " runs code the"
                + " source gives" : " is not one of Groovy's or gplay's") + "), which gplay does not allow";
    }

    private static String compilerBuild() {
        try {
            Path built = Path.of(ScriptCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return built + "@" + Files.getLastModifiedTime(Files.isDirectory(built)
                    ? built.resolve(ScriptCompiler.class.getName().replace('.', '/') + ".class") : built).toMillis();
        } catch (Exception e) {
            return "unknown"; // then the content alone is the key, as it was
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
