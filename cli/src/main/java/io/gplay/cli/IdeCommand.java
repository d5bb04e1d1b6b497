package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gplay ide [--out DIR] [PLAYBOOK_DIR]}: the files that teach editors gplay's DSL, from the modules' specs
 * and the roles a playbook in PLAYBOOK_DIR finds: {@code gplay.gdsl} (IntelliJ IDEA), {@code gplay.dsld} (Eclipse)
 * and {@code gplay-modules.schema.json} (a JSON Schema of the modules' parameters).
 */
@Command(name = "ide", mixinStandardHelpOptions = true, description = {"Writes what editors need to complete and"
        + " document gplay's DSL: gplay.gdsl (IntelliJ IDEA: keep it in a source root), gplay.dsld (Eclipse: keep it"
        + " in dsld/) and gplay-modules.schema.json (a JSON Schema of the modules' parameters), from the modules and"
        + " the roles a playbook in PLAYBOOK_DIR can use."})
final class IdeCommand implements Callable<Integer> {
    static final String GDSL = "gplay.gdsl";
    static final String DSLD = "gplay.dsld";
    static final String SCHEMA = "gplay-modules.schema.json";

    @Parameters(arity = "0..1", paramLabel = "PLAYBOOK_DIR", description = "the playbooks' folder, whose roles/ are"
            + " described too (default: here)")
    Path folder;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the files (default: PLAYBOOK_DIR)")
    Path out;

    @Option(names = "--only-here", description = "the IntelliJ IDEA file applies to the Groovy files under a folder"
            + " named as PLAYBOOK_DIR only (default: every Groovy file of the project)")
    boolean onlyHere;

    @Option(names = "--roles-path", split = ":", paramLabel = "DIR", description = "folders to find roles in, after"
            + " roles/ of PLAYBOOK_DIR (default: roles_path of ansible.cfg); the bundled roles come last")
    List<Path> rolesPath;

    @Override
    public Integer call() throws IOException {
        Path dir = folder != null ? folder : Path.of("");
        if (!Files.isDirectory(dir.toAbsolutePath())) {
            System.err.println("gplay ide: " + dir + " is no folder");
            return 1;
        }
        Path to = out != null ? out : dir;
        Files.createDirectories(to);
        ModuleRegistry modules = ModuleRegistry.load();
        PlaybookLoader loader = new PlaybookLoader(modules, PlaybookLoader.defaultCacheDir()).rolesPath(rolesPath != null
                ? rolesPath : new ConfigDefaults(AnsibleConfig.load(), ConfigDefaults.SYSTEM_INVENTORY).rolesPath());
        IdeFiles files = new IdeFiles(modules.byDslName().values().stream().map(Module::spec).toList(),
                loader.roleNames(dir).stream().map(r -> loader.role(dir, r).orElseThrow()).toList());
        String origin = "from gplay's modules and the roles seen from " + dir.toAbsolutePath().normalize();
        Path name = dir.toAbsolutePath().normalize().getFileName();
        write(to.resolve(GDSL), GdslText.render(files, onlyHere && name != null ? name.toString() : null, origin));
        write(to.resolve(DSLD), DsldText.render(files, origin));
        write(to.resolve(SCHEMA), ModulesSchema.render(files.modules, files.roles, origin));
        System.out.println("  (" + files.modules.size() + " modules, " + files.roles.size() + " roles; IntelliJ IDEA"
                + " reads " + GDSL + " in a source root, Eclipse " + DSLD + " in the project's dsld/ folder)");
        return 0;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        System.out.println("wrote " + file);
    }
}
