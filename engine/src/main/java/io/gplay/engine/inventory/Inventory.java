package io.gplay.engine.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts in inventory order and groups (each a list of host names, children resolved), and the groups as the
 * file declared them (for {@code gplay inventory}). Immutable once built.
 */
public final class Inventory {
    private final Map<String, Host> hosts;
    private final Map<String, List<String>> groups;
    private final Map<String, Group> tree;

    /** A group as declared: its own hosts and its child groups, in the order the inventory gave them. */
    public record Group(String name, List<String> hosts, List<String> children) {
        public Group {
            hosts = List.copyOf(hosts);
            children = List.copyOf(children);
        }
    }

    /** An inventory whose groups have no children: each holds its hosts itself, all holds the groups. */
    public Inventory(Map<String, Host> hosts, Map<String, List<String>> groups) {
        this(hosts, groups, flat(groups));
    }

    public Inventory(Map<String, Host> hosts, Map<String, List<String>> groups, Map<String, Group> tree) {
        this.hosts = new LinkedHashMap<>(hosts);
        this.groups = new LinkedHashMap<>();
        groups.forEach((k, v) -> this.groups.put(k, List.copyOf(v)));
        this.tree = Map.copyOf(tree);
    }

    private static Map<String, Group> flat(Map<String, List<String>> groups) {
        Map<String, Group> tree = new LinkedHashMap<>();
        tree.put("all", new Group("all", List.of(), List.copyOf(groups.keySet())));
        groups.forEach((name, members) -> tree.put(name, new Group(name, members, List.of())));
        return tree;
    }

    public List<Host> hosts() {
        return new ArrayList<>(hosts.values());
    }

    public Host host(String name) {
        return hosts.get(name);
    }

    public Map<String, List<String>> groups() {
        return groups;
    }

    /** The group {@code name} as declared ({@code all} included), or null. */
    public Group group(String name) {
        return tree.get(name);
    }

    /** Group name to host names, as playbooks see it in {@code groups}, with {@code all} included. */
    public Map<String, List<String>> groupsWithAll() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("all", List.copyOf(hosts.keySet()));
        m.putAll(groups);
        return m;
    }

    public List<Host> select(String pattern) {
        return HostPattern.parse(pattern).select(this);
    }

    /** A copy whose hosts carry these variables where they have none of their own (command-line {@code -u}, say). */
    public Inventory withDefaults(Map<String, Object> defaults) {
        return withVars(defaults, false);
    }

    /** A copy whose hosts carry extra variables on top of their own (command-line {@code -e}). */
    public Inventory withExtraVars(Map<String, Object> extra) {
        return withVars(extra, true);
    }

    /** A copy whose hosts also carry {@code more}, over their own variables or under them. */
    private Inventory withVars(Map<String, Object> more, boolean over) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, Host> h = new LinkedHashMap<>();
        hosts.forEach((name, host) -> {
            Map<String, Object> vars = new LinkedHashMap<>(over ? host.vars() : more);
            vars.putAll(over ? more : host.vars());
            h.put(name, new Host(name, host.groups(), vars));
        });
        return new Inventory(h, groups, tree);
    }
}
