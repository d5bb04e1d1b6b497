package io.gplay.dsl.build;

import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.ScriptCompiler;
import io.gplay.dsl.compile.SourceFile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groovy code shared by the playbooks of a folder: every {@code lib/*.groovy} beside the playbook (and the
 * bundled playbooks' own, once a bundled role is used). A library's classes can be used by name in every file
 * of the tree; its methods (written at the top level of its file) can be called from any of them, and a method
 * that calls modules adds tasks to the play, role or task file that called it.
 */
final class Library {
    private final ScriptCompiler compiler;
    private final List<DslScript> scripts = new ArrayList<>();
    private final List<SourceFile> files = new ArrayList<>();
    private final Set<String> added = new LinkedHashSet<>();
    private BuildContext ctx;

    private Library(ScriptCompiler compiler) {
        this.compiler = compiler;
    }

    /** The libraries in {@code folder}, compiled (not run: a library's own top-level statements never run). */
    static Library of(ScriptCompiler compiler, CodeFolder folder) {
        Library lib = new Library(compiler);
        lib.add(folder);
        return lib;
    }

    private void add(CodeFolder folder) {
        if (!added.add(folder.isBundled() ? "bundled:" + folder.display() : folder.dir().toString())) {
            return;
        }
        for (String name : folder.names(".groovy")) {
            SourceFile file = folder.file(name).orElseThrow();
            String scriptName = ScriptCompiler.nameOf(file);
            Class<?> cls = compiler.library(file, scriptName);
            if (!DslScript.class.isAssignableFrom(cls)) {
                continue; // a file of classes only
            }
            DslScript script = (DslScript) BuildContext.newInstance(cls);
            files.add(file);
            scripts.add(script);
            if (ctx != null) {
                attach(script, file, scriptName);
            }
        }
    }

    /** The bundled playbooks' library, added when the tree first uses a bundled role. */
    void addBundled() {
        add(CodeFolder.bundled("lib"));
    }

    void attach(BuildContext ctx) {
        this.ctx = ctx;
        for (int i = 0; i < scripts.size(); i++) {
            SourceFile f = files.get(i);
            attach(scripts.get(i), f, ScriptCompiler.nameOf(f));
        }
    }

    private void attach(DslScript script, SourceFile file, String scriptName) {
        script.init(ctx);
        ctx.file(scriptName, file);
    }

    boolean responds(String name, Object[] args) {
        return scripts.stream().anyMatch(s -> !s.getMetaClass().respondsTo(s, name, args).isEmpty());
    }

    Object invoke(String name, Object[] args) {
        return scripts.stream().filter(s -> !s.getMetaClass().respondsTo(s, name, args).isEmpty()).findFirst()
                .orElseThrow().invokeMethod(name, args);
    }

    /** The names of the libraries' methods, which {@code --syntax-check} takes as known. */
    Set<String> methodNames() {
        Set<String> out = new LinkedHashSet<>();
        scripts.forEach(s -> {
            for (var m : s.getClass().getDeclaredMethods()) {
                out.add(m.getName());
            }
        });
        return out;
    }
}
