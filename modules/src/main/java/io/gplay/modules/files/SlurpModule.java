package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A file of the host, read whole and registered base64-encoded, as Ansible's slurp. */
public final class SlurpModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("slurp", "Reads a file of the host and registers its content base64-encoded, as Ansible's slurp.")
            .primary("src")
            .param(Param.required("src", ParamType.PATH, "the file to read (Ansible's alias path)"))
            .returns("content", "string", "success", "the file's bytes, base64-encoded (b64decode in a template, or decodeBase64() in Groovy)", "MjE3OQo=")
            .returns("encoding", "string", "success", "always base64", "base64")
            .returns("source", "string", "success", "the file read", "/var/run/sshd.pid")
            .checkMode("reads the file as a real run does (a file an earlier task of the check run would write is read as it would be)")
            .notes("Never changed. The whole file is held in memory, as Ansible's slurp holds it: it is for small files.")
            .example("slurp '/etc/ssh/ssh_host_ed25519_key.pub', register: 'hostKey'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String src = ctx.str("src");
        RemoteFile found = ctx.stat(src, false);
        if (!found.exists()) {
            ctx.fail("file not found: " + src);
        }
        if (found.type().equals("directory")) {
            ctx.fail("source is a directory and must be a file: " + src);
        }
        ctx.set("content", ctx.checkMode() && ctx.predictedPaths().contains(src) ? predicted(ctx, src) : read(ctx, src));
        ctx.set("encoding", "base64");
        ctx.set("source", src);
    }

    private static String predicted(ModuleContext ctx, String src) {
        String content = ctx.stat(src, true).content();
        if (content == null) {
            ctx.fail(src + " would be written by an earlier task of this check run, with content not known before the run");
        }
        return Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    }

    /** base64 on the host, so that any bytes (not only text) come back as they are. */
    private static String read(ModuleContext ctx, String src) {
        ExecResult r = ctx.probe(Cmd.of("base64", "-w", "0", "--", src));
        if (!r.ok()) {
            ctx.fail(r.stderr().contains("Permission denied") ? "file is not readable: " + src : "unable to slurp file: " + r.reason());
        }
        return r.stdout().strip();
    }
}
