package io.gplay.modules.files;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

/**
 * Makes a file hold exactly the given text, with a diff of what changes; written atomically (temporary file,
 * then rename), after an optional timestamped backup. Shared by copy, template, lineinfile and the domain modules
 * that own a whole file.
 */
public final class FileContent {
    public static final Param BACKUP = Param.optional("backup", ParamType.BOOL, false,
            "keep a timestamped copy (PATH.YYYYmmdd-HHMMSS~) of the file before changing it");

    private FileContent() {
    }

    /** Ensures content; returns the file as it was found. */
    public static RemoteFile ensure(ModuleContext ctx, String path, String content, boolean backup) throws Exception {
        RemoteFile current = ctx.stat(path);
        if (current.exists() && !current.isFile()) {
            ctx.fail(path + " is a " + current.type() + ", not a file");
        }
        String before = current.isFile() ? current.content() : "";
        if (!current.exists() || !before.equals(content)) {
            String what = current.exists() ? "update " + path : "create " + path;
            ctx.converge(what, new Diff(path, before, content), () -> {
                if (backup && current.exists()) {
                    ctx.set("backup_file", ctx.backup(path));
                }
                ctx.writeFile(path, content, Attributes.mode(ctx));
            });
            String mode = Attributes.mode(ctx);
            ctx.predict(new RemoteFile(path, "file", current.owner(), current.group(),
                    mode != null ? mode : current.exists() ? current.mode() : "644", null, content));
        }
        return current;
    }

    /** Content and then mode, owner and group, as copy and template do. */
    static void ensureWithAttributes(ModuleContext ctx, String path, String content) throws Exception {
        // Compared with the file as it was found, in a real run as in check mode, so both report the same.
        Attributes.ensure(ctx, ensure(ctx, path, content, ctx.bool("backup")), path);
    }
}
