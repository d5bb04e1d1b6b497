package io.gplay.modules.firewall;

import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The iptables-save file format, shared by iptables and iptablesApply: where the rules file lives, rendering
 * structured rules into it, and reading it (or {@code iptables-save} output) as comparable tables.
 */
public final class IptablesRules {
    static final String REDHAT_PATH = "/etc/sysconfig/iptables";
    private static final List<String> BUILTIN = List.of("INPUT", "FORWARD", "OUTPUT");
    private static final Set<String> KEYS = Set.of("chain", "source", "destination", "iface", "outIface", "proto",
            "state", "dport", "sport", "match", "comment", "jump");
    /** Every key but match and jump (iptables text: matches, a target and its options) and comment (quoted). */
    private static final List<String> ONE_WORD = List.of("chain", "source", "destination", "iface", "outIface", "proto",
            "state", "dport", "sport");
    private static final Pattern APPEND = Pattern.compile("^-A\\s+(\\S+)");
    private static final Pattern COUNTERS = Pattern.compile("\\s*\\[\\d+:\\d+]$");

    private IptablesRules() {
    }

    /** The path parameter, or the file the host's iptables service loads (RHEL) or iptables-persistent's. */
    static String path(ModuleContext ctx) {
        if (ctx.has("path")) {
            return ctx.str("path");
        }
        return defaultPath(ctx.fact("osFamily"));
    }

    /** Where a host of this OS family loads its rules from at boot. */
    public static String defaultPath(String osFamily) {
        return "RedHat".equals(osFamily) ? REDHAT_PATH : "/etc/iptables/rules.v4";
    }

    /** The filter table holding the rules in order, built-in chains with their policies, user chains declared. */
    static String render(List<Object> rules, Map<String, Object> policies) {
        for (Map.Entry<String, Object> p : policies.entrySet()) {
            if (!BUILTIN.contains(p.getKey()) || !List.of("ACCEPT", "DROP").contains(String.valueOf(p.getValue()))) {
                throw new ModuleFailure("policies: " + p.getKey() + ": " + p.getValue()
                        + " (only INPUT, FORWARD and OUTPUT have a policy: ACCEPT or DROP)");
            }
        }
        List<String> lines = new ArrayList<>();
        Set<String> chains = new LinkedHashSet<>(BUILTIN);
        for (Object r : rules) {
            String line = r instanceof Map<?, ?> m ? rule(m) : String.valueOf(r).strip();
            if (line.contains("\n") || line.contains("\r")) {
                throw new ModuleFailure("rules: a rule spans several lines: " + line);
            }
            Matcher a = APPEND.matcher(line);
            if (!a.find()) {
                throw new ModuleFailure("rules: a rule line must start with -A CHAIN: " + line);
            }
            chains.add(a.group(1));
            lines.add(line);
        }
        StringBuilder out = new StringBuilder("# Managed by gplay; changes made here are overwritten.\n*filter\n");
        for (String c : chains) {
            String policy = BUILTIN.contains(c) ? String.valueOf(policies.getOrDefault(c, "ACCEPT")) : "-";
            out.append(':').append(c).append(' ').append(policy).append(" [0:0]\n");
        }
        lines.forEach(l -> out.append(l).append('\n'));
        return out.append("COMMIT\n").toString();
    }

    /** One rule map as iptables-save writes it: addresses and interfaces, protocol, matches, comment, target. */
    private static String rule(Map<?, ?> r) {
        for (Object k : r.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new ModuleFailure("rules: unknown key '" + k + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        if (r.get("jump") == null) {
            throw new ModuleFailure("rules: every rule needs a jump (ACCEPT, DROP, REJECT ..., or a chain): " + r);
        }
        for (String k : ONE_WORD) {
            Object v = r.get(k);
            for (Object w : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
                if (!String.valueOf(w).matches("[^\\s\"\\\\]+")) {
                    // a space would add options to the rule, a line break rules to the file
                    throw new ModuleFailure("rules: " + k + " must be one word, got '" + w + "'");
                }
            }
        }
        StringBuilder s = new StringBuilder("-A ").append(r.get("chain") == null ? "INPUT" : r.get("chain"));
        option(s, "-s", r.get("source"));
        option(s, "-d", r.get("destination"));
        option(s, "-i", r.get("iface"));
        option(s, "-o", r.get("outIface"));
        Object proto = r.get("proto");
        option(s, "-p", proto);
        if (r.get("state") != null) {
            s.append(" -m state --state ").append(joined(r.get("state")));
        }
        ports(s, proto, "dport", r.get("dport"));
        ports(s, proto, "sport", r.get("sport"));
        if (r.get("match") != null) {
            s.append(' ').append(r.get("match"));
        }
        if (r.get("comment") != null) {
            String c = r.get("comment").toString();
            if (c.contains("\"") || c.contains("\\")) {
                throw new ModuleFailure("rules: a comment cannot hold quotes or backslashes: " + c);
            }
            s.append(" -m comment --comment ").append(c.matches("\\S+") ? c : "\"" + c + "\"");
        }
        return s.append(" -j ").append(r.get("jump")).toString();
    }

    /** A single port or range with the protocol's own match; a list of them with multiport. */
    private static void ports(StringBuilder s, Object proto, String key, Object value) {
        if (value == null) {
            return;
        }
        if (!"tcp".equals(proto) && !"udp".equals(proto)) {
            throw new ModuleFailure("rules: " + key + " needs proto: 'tcp' or 'udp'");
        }
        if (value instanceof List<?>) {
            s.append(" -m multiport --").append(key).append("s ").append(joined(value));
        } else {
            s.append(" -m ").append(proto).append(" --").append(key).append(' ').append(value);
        }
    }

    private static void option(StringBuilder s, String flag, Object value) {
        if (value != null) {
            s.append(' ').append(flag).append(' ').append(value);
        }
    }

    private static String joined(Object value) {
        return value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : value.toString();
    }

    /**
     * The tables of an iptables-save text, each as its lines from {@code *table} to {@code COMMIT} without
     * comments, blank lines, packet counters or repeated blanks, so that two texts compare by meaning.
     */
    static Map<String, List<String>> tables(String save) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : save.split("\n")) {
            String line = COUNTERS.matcher(raw.strip()).replaceAll("").replaceAll("\\s+", " ");
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                current = new ArrayList<>();
                tables.put(line.substring(1), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return tables;
    }
}
