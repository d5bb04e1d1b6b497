package io.gplay.dsl.reuse;

import io.gplay.dsl.DslException;
import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.InertCompiler;
import io.gplay.dsl.compile.ScriptCompiler;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.ModuleSpec;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A playbook's modules of its own, in Groovy: {@code NAME.groovy} in {@code modules/} beside the playbook, then in
 * each folder of the module path ({@code --module-path}, Ansible's {@code library}); the first file of a name
 * wins, as Ansible's library path does. Each holds a class implementing {@link Module}, named by its spec as the
 * file is, so that {@code --syntax-check} knows the module's name from its file without running it (D51).
 */
public final class OwnModules {
    private final Map<String, SourceFile> files = new LinkedHashMap<>();

    public OwnModules(CodeFolder tree, List<Path> modulePath) {
        List<CodeFolder> folders = new ArrayList<>(List.of(tree.folder("modules")));
        modulePath.forEach(p -> folders.add(CodeFolder.disk(p)));
        read(folders);
    }

    /** A role's own modules: {@code NAME.groovy} in its {@code modules/}. */
    static OwnModules of(Role role) {
        OwnModules own = new OwnModules();
        own.read(List.of(role.dir().folder("modules")));
        return own;
    }

    private OwnModules() {
    }

    private void read(List<CodeFolder> folders) {
        for (CodeFolder folder : folders) {
            for (String n : folder.names(".groovy")) {
                files.putIfAbsent(n.substring(0, n.length() - ".groovy".length()), folder.file(n).orElseThrow());
            }
        }
    }

    /** The modules' names, from their files' names. */
    public Set<String> names() {
        return files.keySet();
    }

    /** The files by the name of the module each holds. */
    Map<String, SourceFile> files() {
        return files;
    }

    /** The problems of names alone: a file named as no module can be, or as one of {@code others}. */
    public List<String> nameProblems(ModuleRegistry others) {
        List<String> out = new ArrayList<>();
        files.forEach((name, file) -> {
            if (!name.matches("[a-z][A-Za-z0-9_]*")) {
                out.add(file.display() + ":1: '" + name + "' cannot name a module: a module's file is named as a"
                        + " playbook calls it, a letter first (a small one), then letters, digits or _");
            } else if (others.find(name).isPresent()) {
                out.add(file.display() + ":1: '" + name + "' is the name of a module gplay has already ("
                        + others.find(name).orElseThrow().getClass().getName() + "); give yours another name");
            }
        });
        return out;
    }

    /** {@code --syntax-check}: each file compiled and never loaded, so none of its code runs; its problems. */
    public List<String> check(InertCompiler compiler, ModuleRegistry others) {
        List<String> out = new ArrayList<>(nameProblems(others));
        for (SourceFile f : files.values()) {
            try {
                compiler.compile(f, ScriptCompiler.nameOf(f), Module.class);
            } catch (DslException e) {
                out.addAll(e.problems());
            }
        }
        return out;
    }

    /**
     * {@code --syntax-check}'s registry: {@code others} and, for each file named well, an {@link Unread} module of
     * its name, so that calls to it are known as tasks while their parameters are left to the plan.
     */
    public ModuleRegistry unread(ModuleRegistry others) {
        return others.with(files.keySet().stream().filter(n -> n.matches("[a-z][A-Za-z0-9_]*"))
                .filter(n -> others.find(n).isEmpty()).map(n -> (Module) new Unread(n)).toList());
    }

    /** A module of the tree's own as {@code --syntax-check} knows it: by its file's name alone. */
    public static final class Unread implements Module {
        private final ModuleSpec spec;

        Unread(String name) {
            this.spec = new ModuleSpec(name, "a module of the playbook's own; --syntax-check does not run it to read"
                    + " its parameters");
        }

        @Override
        public ModuleSpec spec() {
            return spec;
        }

        @Override
        public void run(ModuleContext ctx) {
            throw new IllegalStateException(spec.name() + " was not made: --syntax-check runs no module");
        }
    }

    /** The modules, compiled (cached) and made, over {@code others}; every problem as a {@link DslException}. */
    public ModuleRegistry over(ModuleRegistry others, ScriptCompiler compiler) {
        List<String> problems = new ArrayList<>(nameProblems(others));
        List<Module> made = new ArrayList<>();
        if (problems.isEmpty()) {
            files.forEach((name, file) -> {
                try {
                    Module m = make(file, compiler.compile(file, ScriptCompiler.nameOf(file), Module.class));
                    if (!m.name().equals(name)) {
                        problems.add(file.display() + ":1: the module is named '" + m.name() + "' in its spec: name"
                                + " the file " + m.name() + ".groovy, or the module '" + name + "'");
                    }
                    made.add(m);
                } catch (DslException e) {
                    problems.addAll(e.problems());
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new DslException(problems);
        }
        return others.with(made);
    }

    private static Module make(SourceFile file, Class<?> cls) {
        if (!Module.class.isAssignableFrom(cls)) {
            throw new DslException(List.of(file.display() + ":1: no class of the file implements "
                    + Module.class.getName() + " (see docs/writing-a-module.md)"));
        }
        try {
            Module m = (Module) cls.getDeclaredConstructor().newInstance();
            m.spec(); // a spec that cannot be made is the file's problem, said now rather than at the first task
            return m;
        } catch (NoSuchMethodException e) {
            throw new DslException(List.of(file.display() + ":1: " + cls.getName() + " needs a constructor without"
                    + " arguments"));
        } catch (InvocationTargetException e) {
            throw new DslException(List.of(file.display() + ":1: making the module failed: " + e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DslException(List.of(file.display() + ":1: making the module failed: " + e));
        }
    }
}
