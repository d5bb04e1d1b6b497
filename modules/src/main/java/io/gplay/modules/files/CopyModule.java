package io.gplay.modules.files;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;


/** Puts a file on the host from given content or a local file, atomically, with a diff and optional backup. */
public final class CopyModule implements Module {
    private static final ModuleSpec SPEC = FileContent.declareWritten(new ModuleSpec("copy", "Writes a file from content or from a local file (atomically: temporary file, then rename).")
            .param(Param.required("dest", ParamType.PATH, "the path on the host"))
            .param(Param.optional("content", ParamType.STRING, null, "the file's text"))
            .param(Param.optional("src", ParamType.LOCAL_FILE, null, "a local file (relative to the playbook) whose text is copied"))
            .param(FileContent.BACKUP).param(FileContent.VALIDATE)
            .params(Attributes.PARAMS)
            .oneOf("content", "src")
            .leavesOut("remote_src", "the source is always on the control machine; to copy a file the host has, use command 'cp'")
            .leavesOut("directory_mode", "copy writes one file, never a folder: use file with state: directory")
            .leavesOut("force", "the file is always made to hold the content; to write only a missing file, use command with creates")
            .leavesOut("follow", "a link at dest is replaced by the file, never followed")
            .leavesOut("local_follow", "src is read as a file, links followed")
            .leavesOut("decrypt", "vault values are decrypted where they are used, never left encrypted")
            .leavesOut("checksum", "the content is compared itself, so no checksum is asked for")
            .leavesOut("attributes", "no chattr attributes: run command 'chattr' where needed")
            .leavesOut("seuser", "no SELinux context: run command 'chcon' where needed")
            .leavesOut("serole", "no SELinux context")
            .leavesOut("setype", "no SELinux context")
            .leavesOut("selevel", "no SELinux context")
            .leavesOut("unsafe_writes", "writes are always atomic")
            .returns("src", "string", "when src is given", "the local file copied", "files/virt")
            .example("copy 'virt options', dest: '/etc/glusterfs/virt', content: 'quick-read=off\\n', mode: '0644'"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String content = ctx.has("content") ? ctx.str("content") : LocalText.read(ctx, ctx.localFile(ctx.str("src")), "src");
        FileContent.ensureWithAttributes(ctx, ctx.str("dest"), content);
        if (ctx.has("src")) {
            ctx.set("src", ctx.str("src"));
        }
    }
}
