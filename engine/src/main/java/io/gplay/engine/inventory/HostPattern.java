package io.gplay.engine.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible host patterns, as ansible-core's InventoryManager reads them: {@code all}, a group or host name, globs
 * ({@code web*}, {@code db[12]}), regular expressions ({@code ~web\d+}, matched from the start of the name),
 * subscripts ({@code web[0]}, {@code web[-1]}, {@code web[1:3]}, {@code web[2:]}; not on a regular expression),
 * unions {@code a,b} (or {@code a:b}), intersections {@code a:&b} and exclusions {@code a:!b}. Unions are taken
 * first, in the order written, then intersections, then exclusions; a group's hosts come in Ansible's order (its
 * own, then its children's, level by level).
 */
public final class HostPattern {
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))]$");
    private static final Pattern TERM = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^]]*])++");

    private final List<String> terms = new ArrayList<>();
    private final String text;

    private HostPattern(String text) {
        this.text = text;
    }

    public static HostPattern parse(String text) {
        HostPattern p = new HostPattern(text);
        List<String> regular = new ArrayList<>();
        List<String> and = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (String term : split(text)) {
            (term.startsWith("!") ? not : term.startsWith("&") ? and : regular).add(term);
        }
        p.terms.addAll(regular.isEmpty() ? List.of("all") : regular);
        p.terms.addAll(and);
        p.terms.addAll(not);
        return p;
    }

    /**
     * Commas separate terms; without a comma, a colon does, except in an address ({@code fe80::1},
     * {@code host:22}) or a bracketed part ({@code web[1:3]}).
     */
    private static List<String> split(String text) {
        List<String> raw = new ArrayList<>();
        if (text.contains(",")) {
            raw.addAll(List.of(text.split(",")));
        } else if (HostRanges.isAddress(text)) {
            raw.add(text);
        } else {
            Matcher m = TERM.matcher(text);
            while (m.find()) {
                raw.add(m.group());
            }
        }
        return raw.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    public List<Host> select(Inventory inv) {
        // a set: "all" of a large inventory has 100,000s of hosts
        Set<String> chosen = new LinkedHashSet<>();
        for (String term : terms) {
            if (inv.host(term) != null) {
                chosen.add(term);
                continue;
            }
            List<String> that = matchOne(inv, term.startsWith("&") || term.startsWith("!") ? term.substring(1) : term);
            if (term.startsWith("!")) {
                that.forEach(chosen::remove);
            } else if (term.startsWith("&")) {
                chosen.retainAll(new HashSet<>(that));
            } else {
                chosen.addAll(that);
            }
        }
        return chosen.stream().map(inv::host).toList();
    }

    private static List<String> matchOne(Inventory inv, String term) {
        Matcher m = term.startsWith("~") ? null : SUBSCRIPT.matcher(term);
        if (m == null || !m.matches()) {
            return matches(inv, term);
        }
        List<String> hosts = matches(inv, m.group(1));
        if (hosts.isEmpty()) {
            return hosts;
        }
        if (m.group(2) != null) {
            int i = Integer.parseInt(m.group(2));
            int at = i < 0 ? hosts.size() + i : i;
            // beyond the end is no host, as ansible-playbook shows it ("No hosts matched")
            return at < 0 || at >= hosts.size() ? List.of() : List.of(hosts.get(at));
        }
        int from = Math.min(Integer.parseInt(m.group(3)), hosts.size());
        // [2:] is to the end; Python's slice keeps what there is
        int to = m.group(5).isEmpty() ? hosts.size() : Math.min(Integer.parseInt(m.group(5)) + 1, hosts.size());
        return from >= to ? List.of() : hosts.subList(from, to);
    }

    /**
     * Groups whose name matches give their hosts; hosts are matched by name too for a glob or regex. Duplicates
     * stay until the union, as in Ansible, so that a subscript counts the same hosts.
     */
    private static List<String> matches(Inventory inv, String term) {
        try {
            return matches(inv, term, compile(term));
        } catch (StackOverflowError e) {
            // a user's ~regex with a repeated group, on a long name: Java's regex recurses once a repeat
            throw new InventoryException("host pattern '" + shortened(term) + "' is too complex to match");
        }
    }

    private static String shortened(String term) {
        return term.length() > 60 ? term.substring(0, 60) + "... (" + term.length() + " characters)" : term;
    }

    private static List<String> matches(Inventory inv, String term, Pattern p) {
        List<String> out = new ArrayList<>();
        boolean groupMatched = false;
        for (var g : inv.groupsWithAll().entrySet()) {
            if (p.matcher(g.getKey()).lookingAt()) {
                out.addAll(g.getValue());
                groupMatched = true;
            }
        }
        if (!groupMatched || term.startsWith("~") || term.matches(".*[.?*\\[].*")) {
            inv.hosts().stream().map(Host::name).filter(n -> p.matcher(n).lookingAt()).forEach(out::add);
        }
        return out;
    }

    private static Pattern compile(String term) {
        try {
            return Pattern.compile(term.startsWith("~") ? term.substring(1) : glob(term) + "$");
        } catch (PatternSyntaxException e) {
            throw new InventoryException("Invalid host list pattern: " + term + " (" + e.getDescription() + ")");
        }
    }

    /** Python's fnmatch.translate: * and ? and [seq] and [!seq], everything else literal. */
    private static String glob(String g) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            int close = c == '[' ? g.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String set = g.substring(i + 1, close);
                set = set.startsWith("!") ? "^" + set.substring(1) : set;
                re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
