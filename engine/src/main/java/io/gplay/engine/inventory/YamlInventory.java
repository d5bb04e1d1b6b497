package io.gplay.engine.inventory;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML inventory ({@code all:} / {@code children:} / {@code hosts:} / {@code vars:}) read as Ansible's yaml
 * plugin reads it: host entries may be ranges and carry a port ({@code web[01:03]:}, {@code db1:2200:}), and a
 * section given as one name is that name ({@code hosts: web1}). Where Ansible warns and skips (a key other than
 * hosts, vars and children, a group that is no mapping, a key given twice), gplay refuses, naming FILE:LINE:
 * those are typos that would otherwise leave hosts out of a run.
 */
final class YamlInventory {
    private final InventoryData data;
    private final String file;

    private YamlInventory(InventoryData data, String file) {
        this.data = data;
        this.file = file;
    }

    /** Reads {@code root} (a mapping of groups) into {@code data}. */
    static void read(Node root, String file, InventoryData data) {
        YamlInventory y = new YamlInventory(data, file);
        if (!(root instanceof MappingNode top)) {
            throw y.error(root, "a YAML inventory is a mapping of groups (e.g. 'all:')");
        }
        for (NodeTuple t : y.entries(top)) {
            if (y.name(t.getKeyNode(), "group").equals("plugin")) {
                throw y.error(t.getKeyNode(), "this is an inventory plugin's configuration; gplay reads static "
                        + "inventories only (YAML or INI)");
            }
        }
        for (NodeTuple t : top.getValue()) {
            y.group(y.name(t.getKeyNode(), "group"), t.getValueNode());
        }
    }

    private void group(String name, Node body) {
        data.group(name);
        if (isNull(body)) {
            return;
        }
        if (!(body instanceof MappingNode map)) {
            throw error(body, "group '" + name + "' must be a mapping with hosts, vars or children");
        }
        for (NodeTuple t : entries(map)) {
            String key = name(t.getKeyNode(), "key");
            Node value = t.getValueNode();
            if (!List.of("hosts", "vars", "children").contains(key)) {
                throw error(t.getKeyNode(), "group '" + name + "': unknown key '" + key
                        + "' (expected hosts, vars or children)");
            }
            if (isNull(value)) {
                continue;
            }
            Map<Node, Node> section = section(name, key, value);
            switch (key) {
                case "vars" -> section.forEach((k, v) -> data.setGroupVar(name,
                        String.valueOf(AnsibleYaml.value(k, file, data.vault)), AnsibleYaml.value(v, file, data.vault)));
                case "children" -> section.forEach((k, v) -> {
                    String child = name(k, "group");
                    group(child, v);
                    try {
                        data.addChild(name, child);
                    } catch (InventoryException e) {
                        throw error(k, e.getMessage());
                    }
                });
                default -> section.forEach((k, v) -> hosts(name, k, v));
            }
        }
    }

    private void hosts(String group, Node entry, Node vars) {
        HostRanges.Entry e;
        try {
            e = HostRanges.parse(name(entry, "host"), true);
        } catch (InventoryException x) {
            throw error(entry, x.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (!isNull(vars)) {
            if (!(vars instanceof MappingNode m)) {
                throw error(vars, "host " + ((ScalarNode) entry).getValue() + ": its variables must be a mapping");
            }
            for (NodeTuple t : entries(m)) {
                values.put(String.valueOf(AnsibleYaml.value(t.getKeyNode(), file, data.vault)),
                        AnsibleYaml.value(t.getValueNode(), file, data.vault));
            }
        }
        for (String h : e.hosts()) {
            data.addHost(h, group, e.port());
            values.forEach((k, v) -> data.setHostVar(h, k, v));
        }
    }

    /** A section's entries; a section given as a single name ({@code hosts: web1}) is that name, as in Ansible. */
    private Map<Node, Node> section(String group, String key, Node value) {
        Map<Node, Node> out = new LinkedHashMap<>();
        if (value instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            out.put(s, null);
        } else if (value instanceof MappingNode m) {
            entries(m).forEach(t -> out.put(t.getKeyNode(), t.getValueNode()));
        } else {
            throw error(value, "'" + key + "' of group '" + group + "' must be a mapping");
        }
        return out;
    }

    /** A mapping's entries; a key given twice is refused. */
    private List<NodeTuple> entries(MappingNode m) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
                throw error(k, "found duplicate key " + k.getValue() + " (Ansible would keep the last; gplay refuses)");
            }
        }
        return m.getValue();
    }

    /** A group or host name: text, as Ansible requires (a number must be quoted). */
    private String name(Node key, String what) {
        if (!(key instanceof ScalarNode s) || !s.getTag().equals(Tag.STR)) {
            String text = key instanceof ScalarNode s ? s.getValue() : key.getNodeId().name();
            throw error(key, what + " name " + text + " must be text; quote it");
        }
        return s.getValue();
    }

    private static boolean isNull(Node n) {
        return n == null || n.getTag().equals(Tag.NULL);
    }

    private InventoryException error(Node at, String message) {
        return new InventoryException(file + ":" + (at.getStartMark().getLine() + 1) + ": " + message);
    }
}
