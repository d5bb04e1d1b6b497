package io.gplay.modules.system;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code include_vars} with its {@code first_found} lookup: the first of the candidate files (names a
 * host computes, {@code "${facts.distribution}.yml"}) found in the folders, in order, read as YAML on the control
 * machine; its values become variables of the host for the tasks after it, as a set fact's.
 */
public final class IncludeVarsModule implements Module {
    /** The folders the DSL gives a task that names none: a role's {@code vars/}, then the playbook's folder. */
    public static final String PATHS = "paths";
    private static final ModuleSpec SPEC = new ModuleSpec("includeVars",
            "Reads the first vars file found of a list (per host), as Ansible's include_vars with first_found: its values"
                    + " become variables of the host for the tasks after it.")
            .param(Param.required("firstFound", ParamType.LIST, "the candidate file names, in order; a closure gives"
                    + " them per host: { [\"${facts.distribution}.yml\", 'default.yml'] }"))
            .param(Param.optional(PATHS, ParamType.LIST, null, "the folders to look in, in order; when not given,"
                    + " a role's vars/ then the playbook's folder, as Ansible's first_found looks"))
            .checkMode("reads the file in check mode too; changes nothing on the host")
            .notes("The values lie above the inventory's, the play's and a role's variables and below extra variables (-e),"
                    + " as a set fact's. The file is plain YAML (a vault-encrypted one is refused). Which file was read is"
                    + " registered as ansible_included_var_files.")
            .example("includeVars 'OS-specific values', firstFound: { [\"${facts.distribution}-${facts.distribution_major_version}.yml\","
                    + " \"${facts.distribution}.yml\", 'default.yml'] }");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        List<Path> folders = new ArrayList<>();
        Object given = ctx.get(PATHS);
        for (Object p : given == null ? List.of(".") : (List<?>) given) {
            folders.add(ctx.localFile(String.valueOf(p)));
        }
        List<Path> looked = new ArrayList<>();
        for (Object name : (List<?>) ctx.get("firstFound")) {
            for (Path folder : folders) {
                Path f = folder.resolve(String.valueOf(name)).normalize();
                looked.add(f);
                if (Files.isRegularFile(f)) {
                    ctx.set("facts", read(f));
                    ctx.set("ansible_included_var_files", List.of(f.toString()));
                    ctx.msg("read " + f);
                    return;
                }
            }
        }
        throw new ModuleFailure("no vars file found (looked for " + String.join(", ",
                looked.stream().map(Path::toString).toList()) + ")");
    }

    private static Map<String, Object> read(Path f) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModuleFailure("cannot read " + f + ": " + e.getMessage());
        }
        if (text.startsWith("$ANSIBLE_VAULT")) {
            throw new ModuleFailure(f + ": a vault-encrypted vars file is not read by includeVars; decrypt it, or put its"
                    + " values in the role's vars/main.yml, which may be encrypted");
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ModuleFailure(f + ": " + e.getMessage());
        }
        if (doc != null && !(doc instanceof Map<?, ?>)) {
            throw new ModuleFailure(f + ": expected a mapping of names to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (doc != null) {
            ((Map<?, ?>) doc).forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }
}
