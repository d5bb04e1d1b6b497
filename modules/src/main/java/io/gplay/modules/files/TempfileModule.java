package io.gplay.modules.files;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** A new temporary file or folder with mktemp, on every run, as Ansible's tempfile (mkstemp, mkdtemp). */
public final class TempfileModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("tempfile", "Creates a temporary file or folder with a new name on every run, as Ansible's tempfile.")
            .param(Param.choice("state", "file", List.of("file", "directory"), "file (mode 0600) or directory (mode 0700)"))
            .param(Param.optional("path", ParamType.PATH, null, "the folder it is created in; the host's TMPDIR, or /tmp, when not given"))
            .param(Param.optional("prefix", ParamType.STRING, "ansible.", "the start of its name"))
            .param(Param.optional("suffix", ParamType.STRING, "", "the end of its name"))
            .returns("path", "string", "success", "the path created", "/tmp/ansible.bMlvdk")
            .checkMode("skipped, as Ansible skips its tempfile (which does not support check mode): nothing is created and path is not registered")
            .notes("Always changed: each run creates a new one, and nothing removes it (a later file task with state: 'absent' does)."
                    + " The name is the prefix, 8 random characters and the suffix; a prefix ending in X makes the random part longer (mktemp's template).")
            .example("tempfile state: 'directory', suffix: '.build', register: 'build'\n"
                    + "file 'remove the build folder', path: { build.path }, state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        if (ctx.checkMode()) {
            ctx.skip("check mode: tempfile creates nothing (as Ansible's tempfile, it does not support check mode)");
            return;
        }
        String prefix = ctx.str("prefix");
        String suffix = ctx.str("suffix");
        if (prefix.contains("/") || suffix.contains("/")) {
            ctx.fail("prefix and suffix are parts of a name, without '/': got prefix '" + prefix + "', suffix '" + suffix + "'; put the folder in path");
        }
        boolean directory = ctx.str("state").equals("directory");
        Cmd mktemp = directory ? Cmd.of("mktemp", "-d") : Cmd.of("mktemp");
        mktemp.arg(ctx.has("path") ? "--tmpdir=" + ctx.str("path") : "--tmpdir").arg("--suffix=" + suffix).raw("--").arg(prefix + "XXXXXXXX");
        String[] path = {null};
        ctx.converge("create a temporary " + (directory ? "folder" : "file") + " in " + (ctx.has("path") ? ctx.str("path") : "the temporary folder"),
                () -> path[0] = ctx.change(mktemp).stdout().strip());
        ctx.set("path", path[0]);
    }
}
