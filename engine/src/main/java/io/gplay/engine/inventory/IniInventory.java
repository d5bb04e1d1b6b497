package io.gplay.engine.inventory;

import io.gplay.engine.shell.ShellWords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An INI inventory read as Ansible's ini plugin reads it. Lines before any section are hosts of
 * {@code ungrouped}; {@code [g]} holds hosts (ranges and {@code :port} allowed, then {@code key=value} words split
 * as a shell would), {@code [g:vars]} variables and {@code [g:children]} groups, which must be declared somewhere
 * in the file. Values are Python literals ({@link PythonLiteral}). Every error names FILE:LINE.
 */
final class IniInventory {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?]\\s*(?:#.*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");

    private final InventoryData data;
    private final String file;
    private int line;

    /** A group named before it was declared: by [g:vars], or as a child of these parents. */
    private record Pending(int line, String state, List<String> parents) {
    }

    private IniInventory(InventoryData data, String file) {
        this.data = data;
        this.file = file;
    }

    static void read(String text, String file, InventoryData data) {
        new IniInventory(data, file).read(text);
    }

    private void read(String text) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        String group = "ungrouped";
        String state = "hosts";
        for (String raw : text.split("\r?\n|\r", -1)) {
            line++;
            String l = raw.strip();
            if (l.isEmpty() || l.charAt(0) == '#' || l.charAt(0) == ';') {
                continue;
            }
            Matcher m = SECTION.matcher(l);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    throw error("Section [" + group + ":" + state + "] has unknown type: " + state
                            + " (expected hosts, vars or children)");
                }
                if (!data.hasGroup(group)) {
                    if (state.equals("vars") && !pending.containsKey(group)) {
                        pending.put(group, new Pending(line, state, List.of()));
                    }
                    data.group(group);
                }
                Pending p = pending.get(group);
                if (p != null && !state.equals("vars")) {
                    if (p.state.equals("children")) {
                        addPendingChildren(group, pending);
                    } else {
                        pending.remove(group);
                    }
                }
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                throw error("Invalid section entry: '" + l + "'. Please make sure that there are no spaces in the "
                        + "section entry, and that there are no other invalid characters");
            }
            switch (state) {
                case "hosts" -> hosts(group, l);
                case "vars" -> {
                    int eq = l.indexOf('=');
                    if (eq < 0) {
                        throw error("Expected key=value, got: " + l);
                    }
                    data.setGroupVar(group, l.substring(0, eq).strip(),
                            PythonLiteral.valueOf(l.substring(eq + 1).strip()));
                }
                default -> {
                    Matcher g = GROUP_NAME.matcher(l);
                    if (!g.matches()) {
                        throw error("Expected group name, got: " + l);
                    }
                    String child = g.group(1);
                    if (data.hasGroup(child)) {
                        addChild(group, child);
                    } else {
                        pending.computeIfAbsent(child, c -> new Pending(line, "children", new ArrayList<>()))
                                .parents.add(group);
                    }
                }
            }
        }
        for (var e : pending.entrySet()) {
            Pending p = e.getValue();
            line = p.line;
            throw error(p.state.equals("vars")
                    ? "Section [" + e.getKey() + ":vars] not valid for undefined group: " + e.getKey()
                    : "Section [" + p.parents.get(p.parents.size() - 1) + ":children] includes undefined group: "
                    + e.getKey() + " (declare it with [" + e.getKey() + "], or remove it)");
        }
    }

    private void addPendingChildren(String group, Map<String, Pending> pending) {
        for (String parent : pending.get(group).parents) {
            addChild(parent, group);
            Pending p = pending.get(parent);
            if (p != null && p.state.equals("children")) {
                addPendingChildren(parent, pending);
            }
        }
        pending.remove(group);
    }

    private void addChild(String parent, String child) {
        try {
            data.addChild(parent, child);
        } catch (InventoryException e) {
            throw error(e.getMessage());
        }
    }

    private void hosts(String group, String l) {
        List<String> words;
        HostRanges.Entry entry;
        try {
            words = ShellWords.splitAsShlex(l);
            if (words.isEmpty() || words.get(0).isEmpty()) {
                throw new IllegalArgumentException("no host name");
            }
            entry = HostRanges.parse(words.get(0), true);
        } catch (IllegalArgumentException | InventoryException e) {
            throw error("Error parsing host definition '" + l + "': " + e.getMessage());
        }
        if (words.get(0).strip().endsWith(":") && entry.port() == null) {
            throw error("Invalid host pattern '" + words.get(0) + "' supplied, ending in ':' is not allowed, this "
                    + "character is reserved to provide a port.");
        }
        if (entry.hosts().stream().anyMatch(h -> h.strip().equals("---"))) {
            throw error("Invalid host pattern '---' supplied, '---' is normally a sign this is a YAML file.");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String w : words.subList(1, words.size())) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw error("Expected key=value host variable assignment, got: " + w);
            }
            vars.put(w.substring(0, eq), PythonLiteral.valueOf(w.substring(eq + 1)));
        }
        for (String h : entry.hosts()) {
            data.addHost(h, group, entry.port());
            vars.forEach((k, v) -> data.setHostVar(h, k, v));
        }
    }

    private InventoryException error(String message) {
        return new InventoryException(file + ":" + line + ": " + message);
    }
}
