package io.gplay.engine.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible host patterns: {@code all}, {@code *} and globs, a group or host name, {@code group[0]} and
 * {@code group[1:3]}, unions {@code a:b} (or {@code a,b}), intersections {@code a:&b}, exclusions {@code a:!b}.
 * As in Ansible, unions are taken first, then intersections, then exclusions, and inventory order is kept.
 */
public final class HostPattern {
    private static final Pattern SUBSCRIPT = Pattern.compile("(.+)\\[(-?\\d+)(?::(-?\\d*))?]");

    private final List<String> unions = new ArrayList<>();
    private final List<String> intersections = new ArrayList<>();
    private final List<String> exclusions = new ArrayList<>();
    private final String text;

    private HostPattern(String text) {
        this.text = text;
    }

    public static HostPattern parse(String text) {
        HostPattern p = new HostPattern(text);
        for (String term : splitTerms(text)) {
            if (term.isEmpty()) {
                continue;
            }
            if (term.startsWith("&")) {
                p.intersections.add(term.substring(1));
            } else if (term.startsWith("!")) {
                p.exclusions.add(term.substring(1));
            } else {
                p.unions.add(term);
            }
        }
        return p;
    }

    /** Splits on ':' and ',' but not inside a subscript like {@code g[1:3]}. */
    private static List<String> splitTerms(String text) {
        List<String> terms = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if ((c == ':' || c == ',') && depth == 0) {
                terms.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        terms.add(cur.toString().strip());
        return terms;
    }

    public List<Host> select(Inventory inv) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String u : unions) {
            chosen.addAll(match(inv, u));
        }
        for (String i : intersections) {
            chosen.retainAll(match(inv, i));
        }
        for (String e : exclusions) {
            match(inv, e).forEach(chosen::remove);
        }
        List<Host> out = new ArrayList<>();
        for (Host h : inv.hosts()) {
            if (chosen.contains(h.name())) {
                out.add(h);
            }
        }
        return out;
    }

    private static List<String> match(Inventory inv, String term) {
        Matcher m = SUBSCRIPT.matcher(term);
        if (m.matches()) {
            List<String> base = match(inv, m.group(1));
            int from = index(Integer.parseInt(m.group(2)), base.size());
            if (m.group(3) == null) {
                return from >= 0 && from < base.size() ? List.of(base.get(from)) : List.of();
            }
            int to = m.group(3).isEmpty() ? base.size() - 1 : index(Integer.parseInt(m.group(3)), base.size());
            return from > to ? List.of() : base.subList(Math.max(0, from), Math.min(base.size(), to + 1));
        }
        if (term.equals("all") || term.equals("*")) {
            return inv.hosts().stream().map(Host::name).toList();
        }
        List<String> group = inv.groups().get(term);
        if (group != null) {
            return group;
        }
        if (inv.host(term) != null) {
            return List.of(term);
        }
        if (term.contains("*") || term.startsWith("~")) {
            Pattern glob = term.startsWith("~") ? Pattern.compile(term.substring(1))
                    : Pattern.compile(Pattern.quote(term).replace("*", "\\E.*\\Q"));
            Set<String> out = new LinkedHashSet<>();
            inv.groups().forEach((g, members) -> {
                if (glob.matcher(g).matches()) {
                    out.addAll(members);
                }
            });
            inv.hosts().stream().map(Host::name).filter(n -> glob.matcher(n).matches()).forEach(out::add);
            return new ArrayList<>(out);
        }
        return List.of();
    }

    private static int index(int i, int size) {
        return i < 0 ? size + i : i;
    }

    @Override
    public String toString() {
        return text;
    }
}
