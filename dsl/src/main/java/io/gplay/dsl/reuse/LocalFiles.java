package io.gplay.dsl.reuse;

import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.SourceFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local files a task names by a value known when the plan is made ({@code copy}'s and {@code template}'s
 * {@code src}): they must be there then, not only when the task runs. They are looked for beside the file the task
 * is written in, and for a role's task first in the role's {@code files/}, {@code templates/} and own folder. The
 * plan and {@code --syntax-check} look alike, and only inside the playbook's tree ({@link CodeFolder}): a path that
 * leads out of it names a file of the machine's, read when the task runs.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** Where a task of {@code role} (or null) written in {@code file} finds its local files. */
    public static List<CodeFolder> folders(Role role, SourceFile file) {
        List<CodeFolder> out = new ArrayList<>();
        if (role != null) {
            out.add(role.dir().folder("files"));
            out.add(role.dir().folder("templates"));
            out.add(role.dir());
        }
        out.add(file.folder());
        return out;
    }

    /**
     * Where {@code includeVars} looks for its files when its task names no folders, as Ansible's first_found does
     * for include_vars: the role's {@code vars/}, then the playbook's folder (beside {@code playbook}).
     */
    public static List<String> varsFolders(Role role, SourceFile playbook) {
        List<String> out = new ArrayList<>();
        if (role != null && !role.dir().isBundled()) {
            out.add(role.dir().folder("vars").dir().toAbsolutePath().toString());
        }
        if (!playbook.folder().isBundled()) {
            out.add(playbook.folder().dir().toAbsolutePath().toString());
        }
        return out;
    }

    /**
     * Each local file a known value names, looked for in {@code folders}: what is not there is a problem; what is
     * there is returned, by parameter, with the path it was found at.
     */
    public static Map<String, Path> find(ModuleSpec spec, Map<String, Object> params, List<CodeFolder> folders,
                                  Consumer<String> problems) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            // a name written as text is known now, in a loop too (only a closure's is known per item)
            if (p.type() != ParamType.LOCAL_FILE || !(params.get(p.name()) instanceof CharSequence value)) {
                continue;
            }
            String name = value.toString();
            List<CodeFolder> inside = folders.stream().filter(f -> !f.escapes(name)).toList();
            Optional<Path> file = inside.stream().map(f -> f.regularFile(name)).flatMap(Optional::stream).findFirst();
            if (file.isPresent()) {
                found.put(p.name(), file.get());
            } else if (!inside.isEmpty()) {
                problems.accept(spec.name() + ": " + p.name() + " '" + name + "' is no file (looked for "
                        + String.join(", ", inside.stream().map(f -> f.dir().resolve(name).toString()).toList()) + ")");
            }
        }
        return found;
    }
}
