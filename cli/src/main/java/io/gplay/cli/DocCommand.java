package io.gplay.cli;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.ReturnValue;
import io.gplay.dsl.PlaybookLoader;
import io.gplay.dsl.build.WordDocs;
import io.gplay.engine.config.AnsibleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gplay doc [NAME]}: a module's documentation, from the same spec that validates playbooks; a task keyword's
 * or DSL word's ({@code when}, {@code includeTasks}), from {@link WordDocs}; a role's.
 */
@Command(name = "doc", mixinStandardHelpOptions = true, description = "Shows a module's or a role's parameters and behaviour, or what a task keyword or DSL word does (gplay doc when); no name: lists them all.")
final class DocCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "MODULE|ROLE|KEYWORD")
    String module;

    @Option(names = "--roles-path", split = ":", paramLabel = "DIR", description = "folders to find roles in, after roles/ here (default: roles_path of ansible.cfg); the bundled roles come last")
    List<Path> rolesPath;

    @Option(names = "--module-path", split = ":", paramLabel = "DIR", description = "folders to find modules of your own in (NAME.groovy), after modules/ here (default: library of ansible.cfg)")
    List<Path> modulePath;

    @Override
    public Integer call() {
        ConfigDefaults config = new ConfigDefaults(AnsibleConfig.load(), ConfigDefaults.SYSTEM_INVENTORY);
        PrintStream out = System.out;
        PlaybookLoader roles = new PlaybookLoader(ModuleRegistry.load(), PlaybookLoader.defaultCacheDir())
                .rolesPath(rolesPath != null ? rolesPath : config.rolesPath())
                .modulePath(modulePath != null ? modulePath : config.library());
        Path here = Path.of("");
        // gplay's modules, the plugin jars' and the Groovy ones of modules/ here, of the module path and of the
        // roles a playbook here can use (roles/NAME/modules/)
        ModuleRegistry modules;
        try {
            modules = roles.modulesWithRoles(here);
        } catch (io.gplay.dsl.DslException e) {
            e.problems().forEach(System.err::println);
            return 1;
        }
        if (module == null) {
            modules.all().values().forEach(m -> out.printf("%-16s %s%n", m.name(), m.spec().summary()));
            out.println();
            out.println("ROLES (use: role 'NAME', param: value)");
            roles.roleNames(here).forEach(r -> out.printf("%-16s %s%n", r, roles.role(here, r).orElseThrow().summary()));
            out.println();
            out.println("KEYWORDS AND DSL WORDS (gplay doc WORD)");
            out.println("  " + String.join(", ", WordDocs.names()));
            return 0;
        }
        Module m = modules.find(module).orElse(null);
        if (m != null) {
            print(m.spec(), out);
            return 0;
        }
        String word = WordDocs.of(module).orElse(null);
        if (word != null) {
            out.print(word);
            return 0;
        }
        ModuleSpec role = roles.role(here, module).orElse(null);
        if (role == null) {
            System.err.println("gplay doc: no module, role or keyword '" + module + "'" + modules.didYouMean(module));
            return 1;
        }
        print(role, out);
        return 0;
    }

    static void print(ModuleSpec s, PrintStream out) {
        out.println(s.name().toUpperCase() + " - " + s.summary());
        out.println();
        out.println("PARAMETERS");
        for (Param p : s.params()) {
            StringBuilder h = new StringBuilder("  ").append(p.name()).append(" (").append(p.type().label());
            if (p.required()) {
                h.append(", required");
            }
            if (p.defaultValue() != null) {
                h.append(", default: ").append(p.defaultValue());
            }
            if (!p.choices().isEmpty()) {
                h.append(", one of: ").append(String.join(", ", p.choices()));
            }
            h.append(")");
            if (s.primary().map(p.name()::equals).orElse(false)) {
                h.append(" - the task's title fills it when not given");
            }
            out.println(h);
            out.println("      " + p.doc());
        }
        if (!s.leftOut().isEmpty()) {
            out.println();
            out.println("NOT TAKEN (Ansible's parameters this module leaves out)");
            s.leftOut().forEach((p, why) -> out.println("  " + p + ": " + why));
        }
        if (!s.rules().isEmpty()) {
            out.println();
            out.println("RULES");
            s.rules().forEach(r -> out.println("  " + r.text()));
        }
        out.println();
        out.println("CHECK MODE");
        out.println("  " + s.checkMode());
        if (!s.notes().isEmpty()) {
            out.println();
            out.println("NOTES");
            out.println("  " + s.notes());
        }
        out.println();
        out.println("RETURN (what register gives, beside changed, changes, failed, skipped, msg and status)");
        if (s.returnValues().isEmpty()) {
            out.println("  nothing more");
        }
        for (ReturnValue r : s.returnValues()) {
            out.println("  " + r.key() + " (" + r.type() + ", returned: " + r.returned() + ")");
            out.println("      " + r.description());
            if (r.sample() != null && !r.sample().isEmpty()) {
                out.println("      sample: " + r.sample());
            }
        }
        if (!s.examples().isEmpty()) {
            out.println();
            out.println("EXAMPLES");
            s.examples().forEach(e -> out.println("  " + e));
        }
    }
}
