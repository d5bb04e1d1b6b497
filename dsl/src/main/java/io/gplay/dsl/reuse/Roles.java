package io.gplay.dsl.reuse;

import io.gplay.dsl.compile.CodeFolder;
import io.gplay.engine.module.Names;
import io.gplay.engine.vault.VaultSecrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where roles are found, first match wins: {@code roles/} beside the playbook, each folder of the roles path
 * ({@code --roles-path}, else Ansible's {@code roles_path}), and last the roles bundled with gplay.
 */
public final class Roles {
    private final List<CodeFolder> path = new ArrayList<>();
    private final VaultSecrets vault;
    private final Map<String, Optional<Role>> found = new LinkedHashMap<>();

    public Roles(CodeFolder playbookFolder, List<Path> rolesPath, VaultSecrets vault) {
        this.vault = vault;
        path.add(playbookFolder.folder("roles"));
        rolesPath.forEach(p -> path.add(CodeFolder.disk(p)));
        path.add(CodeFolder.bundled("roles"));
    }

    public Optional<Role> find(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
            return Optional.empty();
        }
        return found.computeIfAbsent(name, n -> path.stream().map(f -> f.folder(n))
                .filter(d -> d.file("tasks/main.groovy").isPresent() || d.file("meta/main.yml").isPresent()
                        || d.file("handlers/main.groovy").isPresent())
                .findFirst().map(d -> Role.in(n, d, vault)));
    }

    /** The names of the roles on the path, sorted, each once. */
    public List<String> names() {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        path.forEach(f -> f.names("").stream().filter(n -> find(n).isPresent()).forEach(out::add));
        return List.copyOf(out);
    }

    /** The message for a role not found: the role of the nearest name, if one is close, and where it was looked for. */
    public String missing(String name) {
        String close = Names.closest(name, names());
        return "no role '" + name + "' (" + (close == null ? "" : "did you mean '" + close + "'?; ") + "looked in "
                + String.join(", ", path.stream().map(f -> f.isBundled() ? "the bundled roles" : f.display() + "/").toList())
                + ")";
    }
}
