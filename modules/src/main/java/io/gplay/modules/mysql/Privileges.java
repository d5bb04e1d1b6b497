package io.gplay.modules.mysql;

import io.gplay.engine.module.ModuleFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An account's privileges as community.mysql holds them (module_utils/user.py: privileges_unpack, privileges_get):
 * each object ({@code `db`.*}, {@code *.*}) to its privilege names, GRANT standing for WITH GRANT OPTION. What the
 * task asks is read from Ansible's string ({@code 'db.*:SELECT,INSERT/db2.*:ALL'}) or a map; what the server has
 * from SHOW GRANTS. Every name is checked or quoted before it goes into a GRANT, so a priv value is never SQL.
 */
final class Privileges {
    private static final Pattern GRANT_LINE = Pattern.compile(
            "GRANT (.+) ON (.+) TO (['`\"]).*\\3@(['`\"]).*\\4( IDENTIFIED BY PASSWORD (['`\"]).+\\6)? ?(.*)");
    private static final Pattern ROLE_LINE = Pattern.compile("GRANT (.+) TO (['`\"]).*|SET DEFAULT ROLE (.+) FOR (['`\"]).*");
    /** A privilege: words (SELECT, CREATE TEMPORARY TABLES), columns in parentheses for a column grant. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z ]*?( ?\\([A-Za-z0-9_$ ,]+\\))?");
    private static final Pattern LIST_SPLIT = Pattern.compile(",\\s*(?=[^)]*(?:\\(|$))");

    private Privileges() {
    }

    /** The task's priv (Ansible's string or a map of object to privileges), *.* USAGE added when absent and {@code usage}. */
    static Map<String, Set<String>> unpack(Object priv, boolean ansi, boolean usage) {
        String text = priv instanceof Map<?, ?> m ? m.entrySet().stream()
                .map(e -> e.getKey() + ":" + (e.getValue() instanceof List<?> l
                        ? l.stream().map(String::valueOf).collect(Collectors.joining(",")) : e.getValue()))
                .collect(Collectors.joining("/")) : String.valueOf(priv);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String item : text.strip().split("/")) {
            int colon = item.strip().lastIndexOf(':');
            if (colon < 0) {
                throw new ModuleFailure("priv: '" + item.strip() + "' is not OBJECT:PRIVILEGES (mydb.*:SELECT,INSERT; several joined with /)");
            }
            out.put(object(item.strip().substring(0, colon), ansi), names(item.strip().substring(colon + 1), item));
        }
        if (usage) {
            out.putIfAbsent("*.*", new LinkedHashSet<>(List.of("USAGE")));
        }
        return out;
    }

    /** db.table as SQL names it: each side quoted unless it is *, a FUNCTION or PROCEDURE word kept. */
    private static String object(String spec, boolean ansi) {
        String kind = "";
        String[] words = spec.strip().split(" ", 2);
        if (words.length == 2 && (words[0].equals("FUNCTION") || words[0].equals("PROCEDURE"))) {
            kind = words[0] + " ";
            spec = words[1];
        }
        int dot = spec.lastIndexOf('.');
        if (dot < 0) {
            throw new ModuleFailure("priv: '" + spec + "' is not DATABASE.TABLE (mydb.*, *.*, mydb.mytable)");
        }
        return kind + side(spec.substring(0, dot), ansi) + "." + side(spec.substring(dot + 1), ansi);
    }

    private static String side(String name, boolean ansi) {
        String bare = name.strip().replaceAll("^`|`$", "");
        if (bare.equals("*")) {
            return bare;
        }
        return ansi ? "\"" + bare.replace("\"", "\"\"") + "\"" : "`" + bare.replace("`", "``") + "`";
    }

    private static Set<String> names(String list, String item) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : LIST_SPLIT.split(list.strip())) {
            String name = p.strip();
            if (!NAME.matcher(name).matches()) {
                throw new ModuleFailure("priv: '" + name + "' in '" + item.strip() + "' is no privilege (SELECT, ALL, GRANT, SELECT (col1, col2))");
            }
            out.add(canonical(name.contains("(") ? name : name.toUpperCase()));
        }
        return out;
    }

    private static String canonical(String name) {
        String n = name.replaceAll("\\s+", " ");
        return n.equals("ALL PRIVILEGES") ? "ALL" : n;
    }

    /** SHOW GRANTS's lines as objects to privileges; role lines skipped, as community.mysql does. */
    static Map<String, Set<String>> fromGrants(List<String> lines) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = GRANT_LINE.matcher(line);
            if (!m.lookingAt()) {
                if (ROLE_LINE.matcher(line).lookingAt()) {
                    continue;
                }
                throw new ModuleFailure("unable to parse the MySQL grant string: " + line);
            }
            Set<String> privs = out.computeIfAbsent(m.group(2), k -> new LinkedHashSet<>());
            for (String p : LIST_SPLIT.split(m.group(1))) {
                privs.add(canonical(p.strip()));
            }
            if (m.group(7).contains("WITH GRANT OPTION")) {
                privs.add("GRANT");
            }
        }
        return out;
    }

    /**
     * The statements that take the account from {@code now} to {@code wanted}, as user_mod decides them: objects the
     * task does not name lose their privileges (unless appending, or the account is root, or it holds PROXY),
     * missing ones are granted, and with subtract only the named ones are revoked.
     */
    static List<String> changes(String account, boolean root, Map<String, Set<String>> now, Map<String, Set<String>> wanted, String mode) {
        List<String> sql = new ArrayList<>();
        boolean append = mode.equals("append");
        boolean subtract = mode.equals("subtract");
        if (!append && !subtract) {
            now.forEach((object, privs) -> {
                if (!wanted.containsKey(object) && !root && !privs.contains("PROXY")) {
                    revoke(sql, account, object, privs, privs.contains("GRANT"));
                }
            });
        }
        if (!subtract) {
            wanted.forEach((object, privs) -> {
                if (!now.containsKey(object)) {
                    grant(sql, account, object, new LinkedHashSet<>(privs));
                }
            });
        }
        for (Map.Entry<String, Set<String>> w : wanted.entrySet()) {
            Set<String> current = now.get(w.getKey());
            if (current == null) {
                continue;
            }
            Set<String> grant = new LinkedHashSet<>();
            Set<String> revoke = new LinkedHashSet<>();
            boolean grantOption = false;
            if (subtract) {
                revoke.addAll(w.getValue());
                revoke.retainAll(current);
            } else {
                grant.addAll(w.getValue());
                grant.removeAll(current);
                if (!append) {
                    revoke.addAll(current);
                    revoke.removeAll(w.getValue());
                    if (grant.contains("ALL")) {
                        revoke.retainAll(Set.of("GRANT", "PROXY")); // ALL covers the rest
                    }
                    grantOption = revoke.contains("GRANT") && !grant.contains("GRANT");
                }
            }
            if (!revoke.isEmpty()) {
                revoke(sql, account, w.getKey(), revoke, grantOption || subtract && revoke.contains("GRANT"));
            }
            if (!grant.isEmpty()) {
                grant(sql, account, w.getKey(), grant);
            }
        }
        return sql;
    }

    /** What the account holds after {@link #changes}: for diffs and for what a check run predicts. */
    static Map<String, Set<String>> after(Map<String, Set<String>> now, Map<String, Set<String>> wanted, String mode, boolean root) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        now.forEach((object, privs) -> {
            if (!mode.equals("replace") || root || privs.contains("PROXY") || wanted.containsKey(object)) {
                out.put(object, new LinkedHashSet<>(privs));
            }
        });
        wanted.forEach((object, privs) -> {
            Set<String> held = out.computeIfAbsent(object, k -> new LinkedHashSet<>());
            if (mode.equals("subtract")) {
                held.removeAll(privs);
            } else if (mode.equals("append")) {
                held.addAll(privs);
            } else {
                held.clear();
                held.addAll(privs);
            }
        });
        out.values().removeIf(Set::isEmpty);
        return out;
    }

    private static void revoke(List<String> sql, String account, String object, Set<String> privs, boolean grantOption) {
        if (grantOption) {
            sql.add("REVOKE GRANT OPTION ON " + object + " FROM " + account);
        }
        List<String> rest = privs.stream().filter(p -> !p.equals("GRANT")).toList();
        if (!rest.isEmpty() && !(grantOption && rest.equals(List.of("USAGE")))) {
            sql.add("REVOKE " + String.join(", ", rest) + " ON " + object + " FROM " + account);
        }
    }

    private static void grant(List<String> sql, String account, String object, Set<String> privs) {
        List<String> names = new ArrayList<>(privs.stream().filter(p -> !p.equals("GRANT")).toList());
        if (names.isEmpty()) {
            names.add("USAGE"); // WITH GRANT OPTION cannot stand alone
        }
        sql.add("GRANT " + String.join(", ", names) + " ON " + object + " TO " + account + (privs.contains("GRANT") ? " WITH GRANT OPTION" : ""));
    }

    /** One line an object, sorted, for diffs. */
    static String show(Map<String, Set<String>> privs) {
        return privs.entrySet().stream().map(e -> e.getKey() + ": " + String.join(",", new java.util.TreeSet<>(e.getValue())) + "\n")
                .sorted().collect(Collectors.joining());
    }

    /** The privileges as one text (object TAB names, a line each), what a check run predicts for later tasks. */
    static String encode(Map<String, Set<String>> privs) {
        return privs.entrySet().stream().map(e -> e.getKey() + "\t" + String.join(",", e.getValue())).collect(Collectors.joining("\n"));
    }

    static Map<String, Set<String>> decode(String text) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : text.isEmpty() ? new String[0] : text.split("\n")) {
            String[] kv = line.split("\t", 2);
            out.put(kv[0], new LinkedHashSet<>(List.of(LIST_SPLIT.split(kv[1]))));
        }
        return out;
    }
}
