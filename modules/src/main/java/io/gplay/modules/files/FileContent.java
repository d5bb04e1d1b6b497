package io.gplay.modules.files;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
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
    public static final Param VALIDATE = Param.optional("validate", ParamType.CHECK_COMMAND, null,
            "a command that checks the new content on the host before it replaces the file, %s standing for a"
                    + " temporary file holding it ('sshd -t -f %s', 'visudo -cf %s'), run without a shell; when it exits"
                    + " non-zero nothing is written and the task fails with its output. Not run in check mode.");

    private FileContent() {
    }

    /** The text a file should have, given the file as found (absent, or a file); null to leave it as it is. */
    @FunctionalInterface
    public interface Edit {
        String apply(RemoteFile found) throws Exception;
    }

    /**
     * Edits a file's text in place (lineinfile, fstab, glusterd's .vol). In a real run a change is decided again
     * and made under the file's {@link FileLock}, from the file as it is once no other run can change it, so two
     * runs at once lose no edit; a run with nothing to change takes no lock. Returns the file as last found.
     */
    public static RemoteFile edit(ModuleContext ctx, String path, boolean backup, Edit edit) throws Exception {
        return edit(ctx, path, backup, null, edit);
    }

    /** As {@link #edit(ModuleContext, String, boolean, Edit)}, the new text checked by {@code validate} first. */
    public static RemoteFile edit(ModuleContext ctx, String path, boolean backup, String validate, Edit edit)
            throws Exception {
        RemoteFile found = ctx.stat(path);
        String after = edit.apply(found);
        if (after == null || found.isFile() && after.equals(found.content())) {
            return found;
        }
        if (ctx.checkMode()) {
            return ensure(ctx, found, path, after, backup, validate);
        }
        try (FileLock lock = FileLock.take(ctx, path)) {
            RemoteFile now = ctx.stat(path);
            String again = edit.apply(now);
            if (again != null && !(now.isFile() && again.equals(now.content()))) {
                ensure(ctx, now, path, again, backup, validate);
            }
            if (lock.waited() != null) {
                ctx.set("lock", lock.waited());
            }
            return now;
        }
    }

    /** Ensures content; returns the file as it was found. */
    public static RemoteFile ensure(ModuleContext ctx, String path, String content, boolean backup) throws Exception {
        return ensure(ctx, ctx.stat(path), path, content, backup, null);
    }

    private static RemoteFile ensure(ModuleContext ctx, RemoteFile current, String path, String content, boolean backup,
                                     String validate) throws Exception {
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
                ctx.writeFile(path, content, Attributes.mode(ctx), validate);
            });
            String mode = Attributes.mode(ctx);
            ctx.predict(new RemoteFile(path, "file", current.owner(), current.group(),
                    mode != null ? mode : current.exists() ? current.mode() : "644", null, content));
        }
        return current;
    }

    /** Declares what {@link #edit} registers, for the modules that edit a file with it. */
    public static ModuleSpec declareEdit(ModuleSpec spec) {
        return spec
                .returns("backup_file", "string", "when a backup was made", "the copy of the file as it was before the change", "/etc/fstab.20261207-100207~")
                .returns("lock", "string", "when the task waited for another run's lock on the file", "how long it waited and for whom",
                        "waited 2.1 s for another run changing /etc/fstab (gplay pid 4242 of ops, since 10:02:07)");
    }

    /**
     * Content (checked by {@code validate} when given) and then mode, owner and group, as copy and template do;
     * registers dest, state, mode, owner, group, size and checksums of the file the task leaves.
     */
    static void ensureWithAttributes(ModuleContext ctx, String path, String content) throws Exception {
        // Compared with the file as it was found, in a real run as in check mode, so both report the same.
        RemoteFile found = ensure(ctx, ctx.stat(path), path, content, ctx.bool("backup"), ctx.str("validate"));
        Attributes.ensure(ctx, found, path);
        ctx.set("dest", path);
        PathReturns.registerContent(ctx, content);
        PathReturns.register(ctx, path, found, !found.exists());
    }

    /** Declares what {@link #ensureWithAttributes} registers. */
    static ModuleSpec declareWritten(ModuleSpec spec) {
        spec.returns("dest", "string", "success", "the path written", "/etc/glusterfs/virt");
        PathReturns.declareContent(spec);
        PathReturns.declare(spec);
        return spec.returns("backup_file", "string", "when a backup was made", "the copy of the file as it was before the change", "/etc/glusterfs/virt.20261207-100207~");
    }
}
