package io.gplay.modules.files;

import io.gplay.modules.Operand;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;

/** Mode, owner and group of a path, shared by file, copy, template and lineinfile. */
public final class Attributes {
    public static final List<Param> PARAMS = List.of(
            Param.optional("mode", ParamType.MODE, null, "octal mode, e.g. '0644' (a Groovy octal literal 0644 works too)"),
            Param.optional("owner", ParamType.STRING, null, "owning user name"),
            Param.optional("group", ParamType.STRING, null, "owning group name"));

    private Attributes() {
    }

    public static String mode(ModuleContext ctx) {
        String mode = ctx.str("mode");
        if (mode != null && !mode.matches("[0-7]{3,4}")) {
            ctx.fail("mode must be octal like '0644', got '" + mode + "'");
        }
        return mode;
    }

    /** Brings mode, owner and group of an existing (or, in check mode, about to exist) path in line. */
    public static void ensure(ModuleContext ctx, RemoteFile current, String path) throws Exception {
        String mode = mode(ctx);
        String owner = ctx.has("owner") ? Operand.of(ctx, "owner", ctx.str("owner")) : null;
        String group = ctx.has("group") ? Operand.of(ctx, "group", ctx.str("group")) : null;
        boolean exists = current.exists();
        if (mode != null && (!exists || Integer.parseInt(current.mode(), 8) != Integer.parseInt(mode, 8))) {
            ctx.converge("set mode of " + path + (exists ? " from " + current.mode() : "") + " to " + mode,
                    () -> ctx.change(Cmd.of("chmod", "--", mode, path)));
        }
        if (owner != null && (!exists || !same(ctx, "passwd", owner, current.owner()))) {
            ctx.converge("set owner of " + path + (exists ? " from " + current.owner() : "") + " to " + owner,
                    () -> ctx.change(Cmd.of("chown", "-h", "--", owner, path)));
        }
        if (group != null && (!exists || !same(ctx, "group", group, current.group()))) {
            ctx.converge("set group of " + path + (exists ? " from " + current.group() : "") + " to " + group,
                    () -> ctx.change(Cmd.of("chgrp", "-h", "--", group, path)));
        }
    }

    /** A user (or group) given by name or number is the current one: numbers are compared through getent. */
    private static boolean same(ModuleContext ctx, String database, String wanted, String current) {
        if (wanted.equals(current)) {
            return true;
        }
        if (current == null || !wanted.matches("\\d+") || current.matches("\\d+")) {
            return false;
        }
        String entry = ctx.probe(Cmd.of("getent", database, current)).stdout().strip();
        String[] f = entry.split(":");
        return f.length > 2 && f[2].equals(wanted);
    }
}
