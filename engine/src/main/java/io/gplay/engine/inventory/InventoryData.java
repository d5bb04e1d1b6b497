package io.gplay.engine.inventory;

import io.gplay.engine.vault.VaultSecrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups and hosts as an inventory file declares them, before they are an {@link Inventory}; the rules are
 * Ansible's ({@code InventoryData}): {@code all} and {@code ungrouped} always exist, a group no other group
 * holds is a child of {@code all}, and {@code ungrouped} holds exactly the hosts in no other group.
 */
final class InventoryData {
    static final class Group {
        final String name;
        /** A set: an inventory may hold 100,000s of hosts, and each is looked up as it is added. */
        final Set<String> hosts = new LinkedHashSet<>();
        final List<Group> children = new ArrayList<>();
        final List<Group> parents = new ArrayList<>();
        /** From the inventory, then from group_vars/ beside each source (by its index), ranked above. */
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<Integer, Map<String, Object>> fileVars = new TreeMap<>();
        int priority = 1;

        Group(String name) {
            this.name = name;
        }
    }

    static final class HostData {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        /** From host_vars/ beside each source, by its index. */
        final Map<Integer, Map<String, Object>> fileVars = new TreeMap<>();

        HostData(String name) {
            this.name = name;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, HostData> hosts = new LinkedHashMap<>();
    /** Opens vault data in the inventory's YAML values ({@code !vault}). */
    final VaultSecrets vault;

    InventoryData(VaultSecrets vault) {
        this.vault = vault;
        group("all");
        group("ungrouped");
        addChild("all", "ungrouped");
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    Set<String> groupNames() {
        return groups.keySet();
    }

    Set<String> hostNames() {
        return hosts.keySet();
    }

    HostData host(String name) {
        return hosts.get(name);
    }

    /** Adds a host to a group; the port counts only where the host is new, as in Ansible. */
    void addHost(String name, String group, Integer port) {
        if (name.isEmpty()) {
            throw new InventoryException("empty host name");
        }
        HostData h = hosts.get(name);
        if (h == null) {
            h = new HostData(name);
            hosts.put(name, h);
            if (port != null) {
                h.vars.put("ansible_port", port);
            }
        }
        group(group).hosts.add(name);
    }

    void setHostVar(String host, String key, Object value) {
        hosts.get(host).vars.put(key, value);
    }

    /** A group variable; {@code ansible_group_priority} is no variable but the group's rank among its equals. */
    void setGroupVar(String group, String key, Object value) {
        setVar(group(group), key, value, group(group).vars);
    }

    /** A variable of a group_vars/ file beside the {@code source}th inventory source. */
    void setGroupFileVar(String group, int source, String key, Object value) {
        Group g = group(group);
        setVar(g, key, value, g.fileVars.computeIfAbsent(source, s -> new LinkedHashMap<>()));
    }

    private static void setVar(Group g, String key, Object value, Map<String, Object> vars) {
        if (key.equals("ansible_group_priority")) {
            try {
                g.priority = Integer.parseInt(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                throw new InventoryException("group " + g.name + ": ansible_group_priority must be a number, got '"
                        + value + "'");
            }
        } else {
            vars.put(key, value);
        }
    }

    /** Makes {@code child} a child group of {@code parent}; a loop is refused. */
    void addChild(String parent, String child) {
        Group p = group(parent);
        Group c = group(child);
        if (p == c || ancestors(p).contains(c)) {
            throw new InventoryException("adding group '" + child + "' as child to '" + parent
                    + "' creates a recursive dependency loop");
        }
        if (!p.children.contains(c)) {
            p.children.add(c);
            c.parents.add(p);
        }
    }

    private static Set<Group> ancestors(Group g) {
        Set<Group> out = new LinkedHashSet<>();
        List<Group> todo = new ArrayList<>(g.parents);
        while (!todo.isEmpty()) {
            Group p = todo.remove(todo.size() - 1);
            if (out.add(p)) {
                todo.addAll(p.parents);
            }
        }
        return out;
    }

    /** What Ansible's {@code reconcile_inventory} does once a file is read; then the immutable inventory. */
    Inventory build() {
        for (Group g : List.copyOf(groups.values())) {
            if (!g.name.equals("all") && g.parents.isEmpty()) {
                addChild("all", g.name);
            }
        }
        Group ungrouped = groups.get("ungrouped");
        Map<String, Set<Group>> hostGroups = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            for (String h : g.hosts) {
                Set<Group> of = hostGroups.computeIfAbsent(h, k -> new LinkedHashSet<>());
                of.add(g);
                of.addAll(ancestors(g));
            }
        }
        for (String h : hosts.keySet()) {
            Set<Group> of = hostGroups.getOrDefault(h, Set.of());
            if (of.contains(ungrouped)) {
                if (of.stream().anyMatch(g -> !g.name.equals("all") && g != ungrouped)) {
                    ungrouped.hosts.remove(h);
                }
            } else if (of.stream().allMatch(g -> g.name.equals("all"))) {
                ungrouped.hosts.add(h);
                hostGroups.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(ungrouped);
            }
        }
        Map<Group, Integer> depth = depths();
        Map<String, Host> built = new LinkedHashMap<>();
        for (String name : hostsOf(groups.get("all"))) {
            built.put(name, host(hosts.get(name), hostGroups.getOrDefault(name, Set.of()), depth));
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        Map<String, Inventory.Group> tree = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            if (!g.name.equals("all")) {
                members.put(g.name, hostsOf(g));
            }
            tree.put(g.name, new Inventory.Group(g.name, List.copyOf(g.hosts),
                    g.children.stream().map(c -> c.name).toList()));
        }
        return new Inventory(built, members, tree);
    }

    /**
     * A host's variables: all's, its groups' (shallow before deep), then the group_vars/ files, then its own, then
     * its host_vars/ files. Files come source by source, in the order the sources were given (the outer loop of
     * vars/plugins.py:99-114, ansible-core 2.14): all's file of each source, then for each source its groups'
     * files, shallow before deep.
     */
    private Host host(HostData h, Set<Group> of, Map<Group, Integer> depth) {
        List<Group> sorted = of.stream().filter(g -> !g.name.equals("all"))
                .sorted(Comparator.comparing((Group g) -> depth.get(g)).thenComparing(g -> g.priority)
                        .thenComparing(g -> g.name))
                .toList();
        Group all = groups.get("all");
        Map<String, Object> vars = new LinkedHashMap<>(all.vars);
        sorted.forEach(g -> vars.putAll(g.vars));
        all.fileVars.values().forEach(vars::putAll);
        Set<Integer> sources = new TreeSet<>();
        sorted.forEach(g -> sources.addAll(g.fileVars.keySet()));
        sources.forEach(s -> sorted.forEach(g -> vars.putAll(g.fileVars.getOrDefault(s, Map.of()))));
        vars.putAll(h.vars);
        h.fileVars.values().forEach(vars::putAll);
        return new Host(h.name, sorted.stream().map(g -> g.name).toList(), vars);
    }

    /** The longest path from {@code all} to each group, which Ansible calls its depth. */
    private Map<Group, Integer> depths() {
        Map<Group, Integer> depth = new LinkedHashMap<>();
        List<Group> todo = new ArrayList<>(List.of(groups.get("all")));
        depth.put(groups.get("all"), 0);
        while (!todo.isEmpty()) {
            Group g = todo.remove(0);
            for (Group c : g.children) {
                if (depth.getOrDefault(c, -1) < depth.get(g) + 1) {
                    depth.put(c, depth.get(g) + 1);
                    todo.add(c);
                }
            }
        }
        return depth;
    }

    /**
     * A group's hosts in Ansible's order ({@code Group.get_hosts}): its own, then its children's, then their
     * children's, level by level. (Ansible walks a level's groups in the order of a hash set; this takes them
     * in declaration order, which is the same whenever a level has one group.)
     */
    private List<String> hostsOf(Group top) {
        List<Group> ordered = new ArrayList<>(List.of(top));
        ordered.addAll(top.children);
        Set<Group> seen = new LinkedHashSet<>(ordered);
        List<Group> level = new ArrayList<>(top.children);
        while (!level.isEmpty()) {
            List<Group> next = new ArrayList<>();
            for (Group g : level) {
                for (Group c : g.children) {
                    if (seen.add(c)) {
                        ordered.add(c);
                        next.add(c);
                    }
                }
            }
            level = next;
        }
        Set<String> out = new LinkedHashSet<>();
        ordered.forEach(g -> out.addAll(g.hosts));
        return new ArrayList<>(out);
    }
}
