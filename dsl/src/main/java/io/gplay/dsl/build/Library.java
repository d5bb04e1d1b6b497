package io.gplay.dsl.build;

import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.ScriptCompiler;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.dsl.reuse.Role;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Groovy code shared by the playbooks of a folder: every {@code lib/*.groovy} beside the playbook (and the
 * bundled playbooks' own, once a bundled role is used). A library's classes can be used by name in every file
 * of the tree; its methods (written at the top level of its file) can be called from any of them, and a method
 * that calls modules adds tasks to the play, role or task file that called it.
 *
 * <p>A role's own {@code lib/} comes in at the role's first use. Its methods are the role's: called from the
 * role's files (and its library's), where one of them wins over the tree's method of the same name (D52).
 */
final class Library {
    private final ScriptCompiler compiler;
    private final List<DslScript> scripts = new ArrayList<>();
    private final List<SourceFile> files = new ArrayList<>();
    private final Set<String> added = new LinkedHashSet<>();
    /** The role a library's script or a file run for a role belongs to (its folder); the tree's have none. */
    private final Map<DslScript, CodeFolder> roleOf = new IdentityHashMap<>();
    private BuildContext ctx;

    private Library(ScriptCompiler compiler) {
        this.compiler = compiler;
    }

    /** The libraries in {@code folder}, compiled (not run: a library's own top-level statements never run). */
    static Library of(ScriptCompiler compiler, CodeFolder folder) {
        Library lib = new Library(compiler);
        lib.add(folder, null);
        return lib;
    }

    private void add(CodeFolder folder, CodeFolder role) {
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
            if (role != null) {
                roleOf.put(script, role);
            }
            if (ctx != null) {
                attach(script, file, scriptName);
            }
        }
    }

    /** The bundled playbooks' library, added when the tree first uses a bundled role. */
    void addBundled() {
        add(CodeFolder.bundled("lib"), null);
    }

    /** A role's own library, added at the role's first use. */
    void addRole(Role role) {
        add(role.dir().folder("lib"), role.dir());
    }

    /** A file's script, run for {@code role} (null: for no role). */
    void ran(DslScript script, Role role) {
        if (role != null) {
            roleOf.put(script, role.dir());
        }
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

    /** Whether a library method {@code from} can call answers this call. */
    boolean responds(DslScript from, String name, Object[] args) {
        return visible(from).anyMatch(s -> !s.getMetaClass().respondsTo(s, name, args).isEmpty());
    }

    Object invoke(DslScript from, String name, Object[] args) {
        return visible(from).filter(s -> !s.getMetaClass().respondsTo(s, name, args).isEmpty()).findFirst()
                .orElseThrow().invokeMethod(name, args);
    }

    /** The libraries a script can call: its role's own first, then the tree's; another role's, never. */
    private Stream<DslScript> visible(DslScript from) {
        CodeFolder role = from == null ? null : roleOf.get(from);
        Stream<DslScript> own = role == null ? Stream.empty()
                : scripts.stream().filter(s -> role.equals(roleOf.get(s)));
        return Stream.concat(own, scripts.stream().filter(s -> roleOf.get(s) == null));
    }
}
