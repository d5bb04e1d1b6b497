package io.gplay.modules.accounts;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Users and groups as the host's name service gives them ({@code getent passwd}, {@code group}, {@code shadow}),
 * and in a check run as earlier tasks of the run would leave them: a group a check run would add counts as there
 * for a later user task, a user it would remove as gone.
 */
final class Accounts {
    static final String PRESENT = "present";
    static final String ABSENT = "absent";

    private Accounts() {
    }

    /** One line of a getent database, split at its colons. */
    record Entry(List<String> fields) {
        String field(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }

        /** The UID or GID, or null for an entry a check run predicts without one. */
        Integer id() {
            return field(2).matches("\\d+") ? Integer.valueOf(field(2)) : null;
        }
    }

    static String userKey(String name) {
        return "user:" + name;
    }

    static String groupKey(String name) {
        return "group:" + name;
    }

    /** A group by name or GID, or null when there is none. */
    static Entry group(ModuleContext ctx, String nameOrGid) {
        return entry(ctx, "group", groupKey(nameOrGid), nameOrGid);
    }

    static Entry user(ModuleContext ctx, String name) {
        return entry(ctx, "passwd", userKey(name), name);
    }

    /** The user's shadow entry (password hash, expiry), or null where the name service gives none. */
    static Entry shadow(ModuleContext ctx, String name) {
        return entry(ctx, "shadow", "shadow:" + name, name);
    }

    private static Entry entry(ModuleContext ctx, String database, String key, String name) {
        String predicted = ctx.predictedState(key);
        if (ABSENT.equals(predicted)) {
            return null;
        }
        ExecResult r = ctx.probe(Cmd.of("getent", database, "--", name));
        if (r.rc() == 2) {
            // a check run's user or group that an earlier task would add: known to be there, not its numbers
            return predicted == null ? null
                    : new Entry(List.of(name, "x", predicted.matches("\\d+") ? predicted : ""));
        }
        if (!r.ok()) {
            ctx.fail("getent " + database + " " + name + ": " + r.reason());
        }
        String line = r.stdout().lines().findFirst().orElse("");
        return new Entry(Arrays.asList(line.split(":", -1)));
    }

    /** The groups that list the user as a member (the supplementary ones, and the primary one if it lists it). */
    static List<String> memberOf(ModuleContext ctx, String user) {
        List<String> groups = new ArrayList<>();
        for (String line : ctx.read(Cmd.of("getent", "group")).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length == 4 && Arrays.asList(f[3].split(",")).contains(user)) {
                groups.add(f[0]);
            }
        }
        return groups;
    }
}
