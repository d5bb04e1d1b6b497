package io.gplay.modules.files;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;


/** Puts a file on the host from given content or a local file, atomically, with a diff and optional backup. */
public final class CopyModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("copy", "Writes a file from content or from a local file (atomically: temporary file, then rename).")
            .param(Param.required("dest", ParamType.PATH, "the path on the host"))
            .param(Param.optional("content", ParamType.STRING, null, "the file's text"))
            .param(Param.optional("src", ParamType.LOCAL_FILE, null, "a local file (relative to the playbook) whose text is copied"))
            .param(FileContent.BACKUP).param(FileContent.VALIDATE)
            .param(Attributes.PARAMS.get(0)).param(Attributes.PARAMS.get(1)).param(Attributes.PARAMS.get(2))
            .oneOf("content", "src")
            .example("copy 'virt options', dest: '/etc/glusterfs/virt', content: 'quick-read=off\\n', mode: '0644'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String content = ctx.has("content") ? ctx.str("content") : LocalText.read(ctx, ctx.localFile(ctx.str("src")), "src");
        FileContent.ensureWithAttributes(ctx, ctx.str("dest"), content);
    }
}
