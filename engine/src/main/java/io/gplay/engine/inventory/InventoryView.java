package io.gplay.engine.inventory;

import io.gplay.engine.vault.VaultValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ansible-inventory} shows of an inventory, for {@code gplay inventory}: {@link #list} the shape of
 * {@code --list} (to be printed as JSON), {@link #graph} that of {@code --graph}, {@link #host} that of
 * {@code --host}.
 */
public final class InventoryView {
    private InventoryView() {
    }

    /**
     * Each group with its own hosts and its child groups (a group with neither is left out, as Ansible does), and
     * {@code _meta.hostvars}: each host's merged variables, for hosts that have any. Keys are sorted, as Ansible's.
     */
    public static Map<String, Object> list(Inventory inv) {
        Map<String, Object> out = new TreeMap<>();
        addGroup(inv, inv.group("all"), out, new HashSet<>());
        Map<String, Object> hostvars = new TreeMap<>();
        for (Host h : inv.hosts()) {
            if (!h.vars().isEmpty()) {
                hostvars.put(h.name(), jsonable(h.vars()));
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        return out;
    }

    private static void addGroup(Inventory inv, Inventory.Group g, Map<String, Object> out, Set<String> seen) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (!g.name().equals("all") && !g.hosts().isEmpty()) {
            entry.put("hosts", g.hosts());
        }
        if (!g.children().isEmpty()) {
            entry.put("children", g.children());
        }
        if (!entry.isEmpty()) {
            out.put(g.name(), entry);
        }
        for (String child : g.children()) {
            if (seen.add(child)) {
                addGroup(inv, inv.group(child), out, seen);
            }
        }
    }

    /** The tree from group {@code start} down: {@code @group:} lines, child groups before the group's hosts. */
    public static String graph(Inventory inv, String start) {
        Inventory.Group g = inv.group(start);
        if (g == null) {
            throw new InventoryException("--graph " + start + ": no such group in the inventory");
        }
        List<String> lines = new ArrayList<>();
        graph(inv, g, 0, lines);
        return String.join("\n", lines);
    }

    private static void graph(Inventory inv, Inventory.Group g, int depth, List<String> lines) {
        lines.add(indent(depth) + "@" + g.name() + ":");
        for (String child : g.children()) {
            graph(inv, inv.group(child), depth + 1, lines);
        }
        if (!g.name().equals("all")) {
            g.hosts().forEach(h -> lines.add(indent(depth + 1) + h));
        }
    }

    private static String indent(int depth) {
        return depth == 0 ? "" : "  |".repeat(depth) + "--";
    }

    /** The host's merged variables, keys sorted. */
    public static Map<String, Object> host(Inventory inv, String name) {
        Host h = inv.host(name);
        if (h == null) {
            throw new InventoryException("--host " + name + ": no such host in the inventory");
        }
        return jsonable(h.vars());
    }

    /** Keys as JSON has them, text, as Python's json writes them: None is "null", True "true", 1 "1". */
    @SuppressWarnings("unchecked")
    private static <T> T jsonable(T value) {
        if (value instanceof VaultValue v) {
            return (T) v.clear();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), jsonable(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            return (T) l.stream().map(InventoryView::jsonable).toList();
        }
        return value;
    }
}
