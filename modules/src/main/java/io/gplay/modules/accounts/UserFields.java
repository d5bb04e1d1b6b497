package io.gplay.modules.accounts;

import io.gplay.engine.module.ModuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An account's fields as a user task asks them: each given field, the primary group and the supplementary
 * groups resolved against the host's groups (a group that is not there fails the task before any change, as
 * Ansible's "Group X does not exist"), and the groups the user is in now.
 */
record UserFields(Map<String, String> given, String primaryGroup, List<String> groups, List<String> current,
                  boolean append) {

    static UserFields wanted(ModuleContext ctx, String name, Accounts.Entry user) {
        Map<String, String> given = new LinkedHashMap<>();
        if (ctx.has("uid")) {
            given.put("uid", ctx.str("uid"));
        }
        String primary = ctx.str("group");
        if (primary != null) {
            given.put("group", existing(ctx, primary).field(2));
        }
        List<String> groups = new ArrayList<>();
        for (Object g : ctx.list("groups")) {
            for (String part : g.toString().split(",")) {
                if (!part.isBlank()) {
                    String resolved = existing(ctx, part.strip()).field(0);
                    if (!groups.contains(resolved)) {
                        groups.add(resolved);
                    }
                }
            }
        }
        for (String p : List.of("comment", "home", "shell")) {
            if (ctx.has(p) && (ctx.str(p).contains(":") || ctx.str(p).contains("\n"))) {
                // a field of /etc/passwd: usermod refuses these, so a check run must not predict the change
                ctx.fail(p + " '" + ctx.str(p) + "' may not hold ':' or a newline (it is a field of /etc/passwd)");
            }
            if (ctx.has(p)) {
                given.put(p, ctx.str(p));
            }
        }
        List<String> current = ctx.has("groups") && user != null ? Accounts.memberOf(ctx, name) : null;
        return new UserFields(given, primary, groups, current, ctx.bool("append"));
    }

    private static Accounts.Entry existing(ModuleContext ctx, String group) {
        Accounts.Entry g = Accounts.group(ctx, group);
        if (g == null) {
            ctx.fail("Group " + group + " does not exist (add it first with the group module)");
        }
        return g;
    }

    /** A passwd entry's fields, in the order a diff shows them. */
    static Map<String, String> of(Accounts.Entry e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("uid", e.field(2));
        m.put("group", e.field(3));
        m.put("comment", e.field(4));
        m.put("home", e.field(5));
        m.put("shell", e.field(6));
        return m;
    }

    /** The account's fields now, with its groups when the task asks for groups. */
    Map<String, String> before(Accounts.Entry e) {
        Map<String, String> m = of(e);
        if (current != null) {
            m.put("groups", sorted(current));
        }
        return m;
    }

    /** The fields as the task would leave them: with append, the groups are added to the user's others. */
    Map<String, String> after(Map<String, String> before) {
        Map<String, String> m = new LinkedHashMap<>(before);
        m.putAll(given);
        if (current != null || !groups.isEmpty()) {
            List<String> all = new ArrayList<>(groups);
            if (append && current != null) {
                all.addAll(current);
            }
            m.put("groups", sorted(all));
        }
        return m;
    }

    private static String sorted(List<String> groups) {
        return new TreeSet<>(groups).stream().collect(Collectors.joining(","));
    }

    /** One NAME: VALUE line per field, for a diff. */
    static String text(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }
}
