package io.gplay.modules.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.modules.Operand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * node.js packages through npm, as community.general's npm module: what is installed from {@code npm list --json
 * --long}, what is outdated from {@code npm outdated}, both read in check mode too; install, update, uninstall or
 * ci only when they say so (ci always, as there).
 */
public final class NpmModule implements Module {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModuleSpec SPEC = new ModuleSpec("npm", "Manages node.js packages with npm.")
            .primary("name")
            .param(Param.optional("name", ParamType.STRING, null, "the package; none: the dependencies of path's package.json"))
            .param(Param.optional("path", ParamType.PATH, null, "the folder the packages go in (its node_modules); created when missing"))
            .param(Param.optional("version", ParamType.STRING, null, "the version to install (name@version)"))
            .param(Param.optional("global", ParamType.BOOL, false, "install globally (--global); path is then only where npm runs"))
            .param(Param.optional("executable", ParamType.STRING, null, "the npm to run, words split at blanks (/opt/nvm/v20/bin/npm)"))
            .param(Param.optional("ignoreScripts", ParamType.BOOL, false, "--ignore-scripts"))
            .param(Param.optional("unsafePerm", ParamType.BOOL, false, "--unsafe-perm"))
            .param(Param.optional("ci", ParamType.BOOL, false, "npm ci: install from package-lock.json (changed every run, as in Ansible)"))
            .param(Param.optional("production", ParamType.BOOL, false, "leave out devDependencies (--production)"))
            .param(Param.optional("registry", ParamType.STRING, null, "the registry to install from (--registry)"))
            .param(Param.choice("state", "present", List.of("present", "absent", "latest"), "present, absent, or updated to the latest"))
            .param(Param.optional("noOptional", ParamType.BOOL, false, "--no-optional"))
            .param(Param.optional("noBinLinks", ParamType.BOOL, false, "--no-bin-links"))
            .param(Param.optional("force", ParamType.BOOL, false, "--force"))
            .requiredIf("state", "absent", "name")
            .requiredIf("global", false, "path")
            .checkMode("runs npm list and npm outdated and reports the install, update or uninstall they call for; nothing is installed")
            .notes("A package is missing when npm list lacks it, marks it missing or invalid, or has it at another version than name@version."
                    + " latest updates when npm outdated prints anything, as Ansible does. A name, version or registry starting with '-' is"
                    + " refused (npm would read it as an option); the package goes after --.")
            .example("npm 'coffee-script', version: '1.6.1', path: '/app/location'")
            .example("npm path: '/app/location', state: 'latest'")
            .example("npm 'coffee-script', global: true, state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        for (String p : List.of("name", "version", "registry")) {
            String v = ctx.str(p);
            if (v != null) {
                Operand.of(ctx, p, v);
                if (v.isBlank() || v.matches("(?s).*[\\x00-\\x1f].*")) {
                    ctx.fail(p + " '" + v + "' is refused: it is blank or holds a line break or control character");
                }
            }
        }
        String state = ctx.str("state");
        String name = ctx.str("name");
        String nameVersion = name != null && ctx.has("version") && !state.equals("absent") ? name + "@" + ctx.str("version") : name;
        String where = ctx.bool("global") ? " globally" : " in " + ctx.str("path");
        String key = "npm:" + (ctx.bool("global") ? "global" : ctx.str("path")) + ":" + name;
        NpmCli npm = new NpmCli(ctx);
        if (ctx.bool("ci")) {
            ctx.converge("npm ci" + where, () -> npm.change("ci", null));
            return;
        }
        String predicted = ctx.predictedState(key);
        List<String> installed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        list(ctx, npm, installed, missing);
        if (predicted != null) {
            installed.removeIf(i -> i.equals(name) || i.startsWith(name + "@"));
            missing.remove(name);
            if (!predicted.equals("absent")) {
                installed.addAll(List.of(name, predicted));
            }
        }
        if (nameVersion != null && !installed.contains(nameVersion) && !missing.contains(name)) {
            missing.add(name);
        }
        if (state.equals("absent")) {
            if (installed.contains(name)) {
                ctx.converge("uninstall " + name + where, () -> npm.change("uninstall", name));
                ctx.predictState(key, "absent");
            }
            return;
        }
        if (!missing.isEmpty()) {
            ctx.converge("install " + (nameVersion != null ? nameVersion : String.join(", ", missing)) + where,
                    () -> npm.change("install", nameVersion));
            if (name != null) {
                ctx.predictState(key, nameVersion);
            }
        }
        if (state.equals("latest") && predicted == null) {
            ExecResult outdated = npm.read(List.of("outdated"), nameVersion);
            if (!outdated.stdout().isBlank()) {
                ctx.converge("update " + (name != null ? name : "the outdated packages") + where, () -> npm.change("update", nameVersion));
            }
        }
    }

    /** community.general's Npm.list: each dependency npm lists, and name@version, unless npm marks it missing or invalid. */
    private static void list(ModuleContext ctx, NpmCli npm, List<String> installed, List<String> missing) {
        ExecResult r = npm.read(List.of("list", "--json", "--long"), null);
        JsonNode deps;
        try {
            deps = JSON.readTree(r.stdout().isBlank() ? "{}" : r.stdout()).path("dependencies");
        } catch (IOException e) {
            ctx.fail("Failed to parse NPM output with error " + e.getMessage());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dep = it.next();
            JsonNode props = dep.getValue();
            if (props.path("missing").asBoolean(false) || props.path("invalid").asBoolean(false)) {
                missing.add(dep.getKey());
            } else {
                installed.add(dep.getKey());
                if (!props.path("version").asText("").isEmpty()) {
                    installed.add(dep.getKey() + "@" + props.path("version").asText());
                }
            }
        }
    }
}
