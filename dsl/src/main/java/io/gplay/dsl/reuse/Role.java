package io.gplay.dsl.reuse;

import io.gplay.dsl.DslException;
import io.gplay.dsl.compile.CodeFolder;
import io.gplay.dsl.compile.SourceFile;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.vault.VaultSecrets;
import io.gplay.engine.vault.VaultYaml;
import org.yaml.snakeyaml.LoaderOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A role, in the folder layout of Ansible's: {@code tasks/main.groovy}, {@code handlers/main.groovy},
 * {@code defaults/main.yml}, {@code vars/main.yml}, {@code files/}, {@code templates/}, {@code meta/main.yml}
 * (its {@code dependencies}) and {@code meta/argument_specs.yml} (its parameters: type, required, default,
 * choices, description), which make its {@link #spec()} as a module's.
 */
public final class Role {
    private final String name;
    private final CodeFolder dir;
    private final ModuleSpec spec;
    private final VaultSecrets vault;

    private Role(String name, CodeFolder dir, VaultSecrets vault) {
        this.name = name;
        this.dir = dir;
        this.vault = vault;
        this.spec = readSpec();
    }

    static Role in(String name, CodeFolder dir, VaultSecrets vault) {
        return new Role(name, dir, vault);
    }

    public String name() {
        return name;
    }

    /** The role's folder. */
    public CodeFolder dir() {
        return dir;
    }

    /** Its parameters as a module's, or empty when it declares none (it then takes any). */
    public Optional<ModuleSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /** What {@code gplay doc} shows of the role: its parameters (none declared: it takes any), where it is, how to use it. */
    public ModuleSpec describe() {
        ModuleSpec d = new ModuleSpec(name, spec != null ? spec.summary() : "role " + name
                + " (it declares no parameters in meta/argument_specs.yml, so it takes any)");
        if (spec != null) {
            spec.params().forEach(d::param);
        }
        String deps = String.join(", ", dependencies().stream().map(Dependency::role).toList());
        return d.checkMode("each of its tasks as its module says")
                .notes("a role, in " + (dir.isBundled() ? "the bundled roles" : dir.display() + "/")
                        + (deps.isEmpty() ? "" : "; it uses first: " + deps))
                .example("role '" + name + "'" + (spec == null ? "" : spec.params().stream().filter(Param::required)
                        .map(p -> ", " + p.name() + ": ...").reduce("", String::concat)));
    }

    public Optional<SourceFile> tasks() {
        return dir.file("tasks/main.groovy");
    }

    public Optional<SourceFile> handlers() {
        return dir.file("handlers/main.groovy");
    }

    /** {@code defaults/main.yml}: below every other variable, the inventory's too. */
    public Map<String, Object> defaults() {
        return mapping("defaults/main");
    }

    /** {@code vars/main.yml}: above the play's variables. */
    public Map<String, Object> vars() {
        return mapping("vars/main");
    }

    /** A role it needs first: {@code dependencies: [ctdb, {role: gluster_volume, name: meta}]}. */
    public record Dependency(String role, Map<String, Object> params) {
    }

    public List<Dependency> dependencies() {
        Object deps = mapping("meta/main").get("dependencies");
        List<Dependency> out = new ArrayList<>();
        if (deps instanceof List<?> l) {
            for (Object d : l) {
                if (d instanceof Map<?, ?> m && m.get("role") != null) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    m.forEach((k, v) -> params.put(String.valueOf(k), v));
                    out.add(new Dependency(String.valueOf(params.remove("role")), params));
                } else if (d instanceof String s) {
                    out.add(new Dependency(s, Map.of()));
                } else {
                    throw new DslException(List.of(where("meta/main") + ": a dependency is a role's name or"
                            + " {role: NAME, param: value, ...}, got " + d));
                }
            }
        } else if (deps != null) {
            throw new DslException(List.of(where("meta/main") + ": dependencies must be a list of roles"));
        }
        return out;
    }

    private ModuleSpec readSpec() {
        Map<String, Object> file = mapping("meta/argument_specs");
        if (file.isEmpty()) {
            return null;
        }
        String at = where("meta/argument_specs");
        Map<?, ?> main = file.get("argument_specs") instanceof Map<?, ?> specs && specs.get("main") instanceof Map<?, ?> m
                ? m : null;
        if (main == null) {
            throw new DslException(List.of(at + ": expected argument_specs: main: options: ..., as Ansible's"));
        }
        Object summary = main.get("short_description") != null ? main.get("short_description") : main.get("description");
        ModuleSpec s = new ModuleSpec(name, summary == null ? "role " + name : text(summary));
        if (main.get("options") instanceof Map<?, ?> options) {
            options.forEach((k, v) -> s.param(param(String.valueOf(k), v instanceof Map<?, ?> o ? o : Map.of(), at)));
        }
        return s;
    }

    private static Param param(String name, Map<?, ?> o, String at) {
        String type = o.get("type") == null ? "str" : String.valueOf(o.get("type"));
        ParamType t = switch (type) {
            case "str", "path" -> ParamType.STRING;
            case "int" -> ParamType.INT;
            case "bool" -> ParamType.BOOL;
            case "list" -> ParamType.LIST;
            case "dict" -> ParamType.MAP;
            case "raw", "float" -> ParamType.ANY;
            default -> throw new DslException(List.of(at + ": option '" + name + "': type '" + type
                    + "' is none of str, path, int, bool, list, dict, float, raw"));
        };
        List<String> choices = o.get("choices") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
        boolean required = Boolean.TRUE.equals(o.get("required"));
        return new Param(name, t, required, o.get("default"), choices,
                o.get("description") == null ? "" : text(o.get("description")));
    }

    private static String text(Object v) {
        return v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
    }

    private String where(String base) {
        return dir.display() + "/" + base + ".yml";
    }

    private Map<String, Object> mapping(String base) {
        Optional<SourceFile> f = dir.file(base + ".yml").or(() -> dir.file(base + ".yaml"));
        if (f.isEmpty()) {
            return Map.of();
        }
        Object doc;
        try {
            doc = VaultYaml.load(f.get().text(), f.get().display(), new LoaderOptions(), vault);
        } catch (RuntimeException e) {
            // its messages name the file (FILE:LINE)
            throw new DslException(List.of(e.getMessage()));
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new DslException(List.of(f.get().display() + ": expected a mapping of names to values"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
