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
 * its state, mode (four octal digits), owner and group with their uid and gid, and for content written, its size
 * and checksums. The values come from the path as the task found it and what it was asked, so no extra round
 * trip: only a path the task made, replaced or removed, or gave to another owner or group by name, is read again
 * in a real run, for the owner, mode and numbers the host gave it.
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
                .returns("group", "string", "when the path is there (in check mode: when known)", "its group's name", "root")
                .returns("uid", "int", "when the path is there (in check mode: when known)", "its owner's number", "0")
                .returns("gid", "int", "when the path is there (in check mode: when known)", "its group's number", "0");
    }

    /**
     * Registers the state, mode, owner, group, uid and gid of {@code path}, found as {@code found} before the task;
     * a path the task {@code made} (created, replaced or removed) or gave away by name is read again in a real run,
     * and in check mode the predicted path stands for it.
     */
    static void register(ModuleContext ctx, String path, RemoteFile found, boolean made) {
        RemoteFile now = found;
        if (ctx.checkMode() ? ctx.predictedPaths().contains(path) : made || givenAway(ctx, now)) {
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
        register(ctx, "owner", "uid", now.owner(), now.uid());
        register(ctx, "group", "gid", now.group(), now.gid());
    }

    /** The name asked for (or found) under {@code name}, and its number under {@code id} when known. */
    private static void register(ModuleContext ctx, String name, String id, String found, Long foundId) {
        String value = ctx.has(name) ? ctx.str(name) : found;
        if (value == null) {
            return;
        }
        ctx.set(name, value);
        Long number = isNumber(value) ? Long.valueOf(value) : value.equals(found) ? foundId : null;
        if (number != null) {
            ctx.set(id, number);
        }
    }

    /** True when the task asked for an owner or group by a name the path did not have: its number is the host's. */
    private static boolean givenAway(ModuleContext ctx, RemoteFile found) {
        return found.exists() && (asked(ctx, "owner", found.owner()) || asked(ctx, "group", found.group()));
    }

    private static boolean asked(ModuleContext ctx, String name, String found) {
        return ctx.has(name) && !isNumber(ctx.str(name)) && !ctx.str(name).equals(found);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
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
