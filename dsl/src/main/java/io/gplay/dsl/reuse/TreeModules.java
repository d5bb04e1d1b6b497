package io.gplay.dsl.reuse;

import io.gplay.dsl.DslException;
import io.gplay.dsl.compile.InertCompiler;
import io.gplay.dsl.compile.ScriptCompiler;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.engine.module.ModuleRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modules a plan is made with: gplay's, the plugins' and the tree's own ({@link OwnModules}), and from a role's
 * first use on, that role's own ({@code roles/NAME/modules/NAME.groovy}), as Ansible's role {@code library/} is
 * known once the role is. One name is one module: a role's module named as another module of the tree is refused,
 * both files named, since the runner finds a task's module by its name alone.
 */
public final class TreeModules {
    private ModuleRegistry registry;
    /** The file of the tree that holds each module of the tree's own, by the module's name. */
    private final Map<String, SourceFile> files = new LinkedHashMap<>();
    private final Set<String> roles = new HashSet<>();

    public TreeModules(ModuleRegistry registry, OwnModules own) {
        this.registry = registry;
        if (own != null) {
            files.putAll(own.files());
        }
    }

    /** What the plan checks calls against and the runner runs them with, once every role is used. */
    public ModuleRegistry registry() {
        return registry;
    }

    /** The plan: the role's modules made and added at its first use; every problem as a {@link DslException}. */
    public void use(Role role, ScriptCompiler compiler) {
        OwnModules own = firstUse(role);
        if (own == null) {
            return;
        }
        List<String> problems = problems(role, own);
        if (!problems.isEmpty()) {
            throw new DslException(problems);
        }
        registry = own.over(registry, compiler);
        files.putAll(own.files());
    }

    /**
     * {@code --syntax-check}: the role's modules compiled and never loaded, known from now on by their files'
     * names alone ({@link OwnModules.Unread}); their problems.
     */
    public List<String> check(Role role, InertCompiler compiler) {
        OwnModules own = firstUse(role);
        if (own == null) {
            return List.of();
        }
        List<String> problems = problems(role, own);
        if (problems.isEmpty()) {
            problems.addAll(own.check(compiler, registry));
            registry = own.unread(registry);
            files.putAll(own.files());
        }
        return problems;
    }

    private OwnModules firstUse(Role role) {
        String key = role.dir().isBundled() ? "bundled:" + role.dir().display() : role.dir().dir().toString();
        return roles.add(key) ? OwnModules.of(role) : null;
    }

    /** A name another file of the tree holds already, and Groovy modules in Ansible's {@code library/}. */
    private List<String> problems(Role role, OwnModules own) {
        List<String> out = new ArrayList<>();
        own.files().forEach((name, file) -> {
            SourceFile other = files.get(name);
            if (other != null) {
                out.add(file.display() + ":1: '" + name + "' is the name of a module of " + other.display() + ":1"
                        + " too; a task names its module alone, so give one of them another name");
            }
        });
        var library = role.dir().folder("library");
        for (String n : library.names(".groovy")) {
            out.add(library.file(n).orElseThrow().display() + ":1: a role's own modules are in its modules/ folder"
                    + " (library/ is Ansible's, for Python modules): move it to " + role.dir().display() + "/modules/");
        }
        return out;
    }
}
