package io.gplay.dsl;

import groovy.lang.GroovyClassLoader;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.Source;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
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
 * Compiles a playbook file (cached by content hash: compiling costs 1–2 s on a cold JVM, loading a cached
 * class a few milliseconds) and runs it to build the {@link Playbook} plan, collecting every problem as
 * {@code FILE:LINE: message} before any host is touched.
 */
public final class PlaybookLoader {
    /**
     * What compiled a cached playbook: the DSL's own build (its jar's or classes' time), so that a cache entry
     * compiled by another gplay, whose compiled form or compile-time checks differ, is never loaded.
     */
    private static final String COMPILER = compilerBuild();

    private final ModuleRegistry modules;
    private final Path cacheDir;

    public PlaybookLoader(ModuleRegistry modules, Path cacheDir) {
        this.modules = modules;
        this.cacheDir = cacheDir;
    }

    /** {@code $XDG_CACHE_HOME/gplay/compiled}, or {@code ~/.cache/gplay/compiled}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("gplay").resolve("compiled");
    }

    public Playbook load(Path file) {
        return load(file.toString(), file.getFileName().toString(), read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DslException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** Builds the plan of a playbook given as text; {@code fileName} is what stack traces will name. */
    public Playbook load(String displayName, String fileName, String text) {
        String scriptName = scriptName(fileName);
        Class<?> cls = compile(displayName, scriptName, text);
        BuildContext ctx = new BuildContext(modules, displayName, scriptName);
        PlaybookScript script;
        try {
            script = (PlaybookScript) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        script.init(ctx);
        ctx.script(script);
        try {
            script.run();
        } catch (MissingMethodException e) {
            Source at = ctx.sourceOf(e);
            ctx.problem(at, "unknown module or method '" + e.getMethod() + "'" + modules.didYouMean(e.getMethod()));
        } catch (MissingPropertyException e) {
            Source at = ctx.sourceOf(e);
            ctx.problem(at, SyntaxProblem.missingComma(lineOf(text, at)).orElse("'" + e.getProperty()
                    + "' is not defined here (a per-host value must be a closure: { vars." + e.getProperty() + " })"));
        } catch (NullPointerException e) {
            Source at = ctx.sourceOf(e);
            ctx.problem(at, SyntaxProblem.missingComma(lineOf(text, at)).orElse("NullPointerException: " + e.getMessage()));
        } catch (RuntimeException e) {
            ctx.problem(ctx.sourceOf(e), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (ctx.problems.isEmpty() && script.built() == null) {
            ctx.problem(new Source(displayName, 1), "no playbook('name') { ... } block");
        }
        if (!ctx.problems.isEmpty()) {
            throw new DslException(ctx.problems);
        }
        return script.built();
    }

    private static String lineOf(String text, Source at) {
        return text.lines().skip(Math.max(0, at.line() - 1)).findFirst().orElse("");
    }

    /**
     * The name the script is compiled under, {@code gplay$NAME.groovy}, which names its class too. Groovy names
     * a script's class after its file, so {@code long.groovy} made a class named {@code long} (which the JVM
     * refuses) and in {@code once.groovy} the name {@code once} meant the class, not the result a task
     * registered as {@code once}. The {@code $} keeps it out of any name a playbook's author writes.
     */
    static String scriptName(String fileName) {
        String base = fileName.endsWith(".groovy") ? fileName.substring(0, fileName.length() - 7) : fileName;
        return "gplay$" + base.replaceAll("[^A-Za-z0-9_]", "_") + ".groovy";
    }

    private Class<?> compile(String displayName, String fileName, String text) {
        String key = sha256(COMPILER + "\0" + fileName + "\0" + text);
        Path dir = cacheDir.resolve(key);
        try {
            if (!Files.isRegularFile(dir.resolve("main"))) {
                compileInto(dir, displayName, fileName, text);
            }
            String main = Files.readString(dir.resolve("main")).strip();
            GroovyClassLoader loader = new GroovyClassLoader(PlaybookLoader.class.getClassLoader(), config());
            loader.addURL(dir.toUri().toURL());
            return loader.loadClass(main);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled playbook cache at " + dir + " is damaged; remove it", e);
        }
    }

    private static CompilerConfiguration config() {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(PlaybookScript.class.getName());
        cc.setPluginFactory(new PlaybookParser());
        // @Grab would fetch and load code while compiling; nothing a playbook needs
        cc.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        cc.addCompilationCustomizers(new ImportCustomizer().addImports("io.gplay.engine.shell.Cmd"),
                new SourceChecks(), new LargeBlocks(), new VariableUses());
        return cc;
    }

    /**
     * {@code --syntax-check}: compiles the playbook and checks what its source says, without running any of its
     * code, so it is safe on an untrusted change (see {@link StaticCheck}). Returns the plays and tasks written.
     */
    public Summary check(Path file) {
        return check(file.toString(), file.getFileName().toString(), read(file));
    }

    /** {@link #check(Path)} of a playbook given as text; {@code fileName} as in {@link #load(String, String, String)}. */
    public Summary check(String displayName, String fileName, String text) {
        CompilerConfiguration cc = config();
        CompilationUnit cu = new CompilationUnit(cc, null,
                new GroovyClassLoader(PlaybookLoader.class.getClassLoader(), cc));
        SourceUnit source = cu.addSource(scriptName(fileName), text);
        try {
            cu.compile(Phases.CLASS_GENERATION);
        } catch (MultipleCompilationErrorsException e) {
            throw new DslException(messages(displayName, text, e));
        }
        StaticCheck check = new StaticCheck(modules, displayName);
        List<String> problems = check.check(source.getAST(), source);
        if (!problems.isEmpty()) {
            throw new DslException(problems);
        }
        return new Summary(check.plays, check.tasks);
    }

    /** What {@link #check} found written: plays and task calls. */
    public record Summary(int plays, int tasks) {
    }

    private void compileInto(Path dir, String displayName, String fileName, String text) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, "tmp-");
        CompilerConfiguration cc = config();
        cc.setTargetDirectory(tmp.toFile());
        CompilationUnit cu = new CompilationUnit(cc, null,
                new GroovyClassLoader(PlaybookLoader.class.getClassLoader(), cc));
        cu.addSource(fileName, text);
        try {
            cu.compile(Phases.OUTPUT);
        } catch (MultipleCompilationErrorsException e) {
            deleteTree(tmp);
            throw new DslException(messages(displayName, text, e));
        }
        String main = cu.getAST().getClasses().stream()
                .filter(c -> c.getSuperClass().getName().equals(PlaybookScript.class.getName()))
                .map(c -> c.getName()).findFirst().orElse(cu.getFirstClassNode().getName());
        Files.writeString(tmp.resolve("main"), main);
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
                 | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(tmp); // another gplay compiled the same playbook first
        }
    }

    private static List<String> messages(String displayName, String text, MultipleCompilationErrorsException e) {
        List<String> out = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                var se = s.getCause();
                out.add(SyntaxProblem.describe(displayName, text, se.getStartLine(), se.getStartColumn(),
                        se.getOriginalMessage()));
            } else if (m instanceof ExceptionMessage em) {
                out.add(displayName + ": " + em.getCause().getMessage());
            } else if (m instanceof SimpleMessage sm) {
                out.add(displayName + ": " + sm.getMessage());
            } else {
                out.add(displayName + ": " + m);
            }
        }
        return out;
    }

    private static String compilerBuild() {
        try {
            Path built = Path.of(PlaybookLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return built + "@" + Files.getLastModifiedTime(Files.isDirectory(built)
                    ? built.resolve(PlaybookLoader.class.getName().replace('.', '/') + ".class") : built).toMillis();
        } catch (Exception e) {
            return "unknown"; // then the content alone is the key, as it was
        }
    }

    private static String sha256(String s) {
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
