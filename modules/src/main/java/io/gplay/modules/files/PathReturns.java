package io.gplay.modules.files;

import io.gplay.engine.connection.HostText;
import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What file, copy and template give {@code register} about a path once the task is done, as Ansible's modules do:
 * its state, mode (four octal digits), owner and group, and for content written, its size and checksums. The
 * values come from the path as the task found it and what it was asked, so no extra round trip: only a path the
 * task made, replaced or removed in a real run is read again, for the owner and mode the host gave it.
 */
final class PathReturns {
    private PathReturns() {
    }

    /** Declares the values {@link #register} gives. */
    static ModuleSpec declare(ModuleSpec spec) {
        return spec
                .returns("state", "string", "success", "what the path is now (or, in check mode, would be): file, directory, link or absent", "file")
                .returns("mode", "string", "when the path is there (in check mode: when known)", "its octal mode, four digits", "0644")
                .returns("owner", "string", "when the path is there (in check mode: when known)", "its owner's name", "root")
                .returns("group", "string", "when the path is there (in check mode: when known)", "its group's name", "root");
    }

    /**
     * Registers the state, mode, owner and group of {@code path}, found as {@code found} before the task; a path
     * the task {@code made} (created, replaced or removed) is read again in a real run, and in check mode the
     * predicted path stands for it.
     */
    static void register(ModuleContext ctx, String path, RemoteFile found, boolean made) {
        RemoteFile now = found;
        if (ctx.checkMode() ? ctx.predictedPaths().contains(path) : made) {
            now = ctx.stat(path, false);
        }
        ctx.set("state", now.exists() ? now.type() : "absent");
        if (!now.exists()) {
            return;
        }
        String mode = ctx.has("mode") ? ctx.str("mode") : now.mode();
        if (mode != null) {
            ctx.set("mode", octal(mode));
        }
        String owner = ctx.has("owner") ? ctx.str("owner") : now.owner();
        if (owner != null) {
            ctx.set("owner", owner);
        }
        String group = ctx.has("group") ? ctx.str("group") : now.group();
        if (group != null) {
            ctx.set("group", group);
        }
    }

    /** Declares what {@link #registerContent} gives. */
    static ModuleSpec declareContent(ModuleSpec spec) {
        return spec
                .returns("checksum", "string", "success", "the SHA-1 of the file's content, as Ansible's checksum", "22bf85435f848b265054cf90b22be821a93b58d8")
                .returns("md5sum", "string", "success", "the MD5 of the file's content", "c39cf09b844c70c39914c045c4c80ffc")
                .returns("size", "int", "success", "the file's size in bytes", "15");
    }

    /** Registers the size and checksums of the content the file has after the task. */
    static void registerContent(ModuleContext ctx, String content) {
        byte[] bytes = HostText.encode(content);
        ctx.set("checksum", digest("SHA-1", bytes));
        ctx.set("md5sum", digest("MD5", bytes));
        ctx.set("size", bytes.length);
    }

    private static String octal(String mode) {
        return String.format("%04o", Integer.parseInt(mode, 8));
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a digest every JDK has", e);
        }
    }
}
