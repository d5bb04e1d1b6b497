package io.gplay.engine.inventory;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inventory script read as Ansible's script plugin reads it (plugins/inventory/script.py:79-199 of ansible-core
 * 2.14): {@code SCRIPT --list} prints a JSON object of groups, each a list of hosts or an object of
 * {@code hosts}, {@code vars} and {@code children} (an object with none of them is a host of the group's name,
 * with these variables); {@code _meta.hostvars} holds the hosts' variables, and without it the script is asked
 * {@code SCRIPT --host H} for each host, which prints an object (JSON or YAML). Where Ansible would misread a
 * shape (children given as a string, say) or take a failed {@code --host}, gplay refuses it, naming the script.
 */
final class ScriptInventory {
    private final Path script;
    private final String name;
    private final InventoryData data;
    private final LoadOptions opts;
    /** The hosts of the groups, in the order given: those whose variables are looked up. */
    private final Set<String> hosts = new LinkedHashSet<>();

    private ScriptInventory(Path script, InventoryData data, LoadOptions opts) {
        this.script = script;
        this.name = "inventory script " + script;
        this.data = data;
        this.opts = opts;
    }

    static void read(Path script, InventoryData data, LoadOptions opts) {
        new ScriptInventory(script, data, opts).read();
    }

    private void read() {
        ScriptRun list = ScriptRun.of(script, opts.scriptBound(), "--list");
        if (!list.err().isBlank()) {
            // as Ansible's always_show_stderr, on by default
            opts.warnings().accept(name + " --list wrote on its standard error:\n" + list.err().stripTrailing());
        }
        Object parsed;
        try {
            parsed = JsonText.parse(list.out());
        } catch (InventoryException e) {
            throw new InventoryException(name + " --list did not print JSON: " + e.getMessage()
                    + ScriptRun.withErr(list.err()));
        }
        if (!(parsed instanceof Map<?, ?> groups)) {
            throw new InventoryException(name + " --list must print a JSON object (group names to their groups, "
                    + "and _meta), not " + kind(parsed));
        }
        Map<?, ?> hostvars = null;
        for (Map.Entry<?, ?> e : groups.entrySet()) {
            if (e.getKey().equals("_meta")) {
                hostvars = hostvars(e.getValue());
            } else {
                group((String) e.getKey(), e.getValue());
            }
        }
        for (String h : hosts) {
            Object vars = hostvars == null ? askHost(h) : hostvars.containsKey(h) ? hostvars.get(h) : Map.of();
            if (!(vars instanceof Map<?, ?> m)) {
                throw new InventoryException(name + ": the variables of host " + h + " must be a JSON object, not "
                        + kind(vars));
            }
            m.forEach((k, v) -> data.setHostVar(h, String.valueOf(k), v));
        }
    }

    /** {@code _meta.hostvars}, or null where the script gives none (Ansible then asks {@code --host}). */
    private Map<?, ?> hostvars(Object meta) {
        if (!(meta instanceof Map<?, ?> m)) {
            throw new InventoryException(name + ": _meta must be a JSON object holding hostvars, not " + kind(meta));
        }
        Object hv = m.get("hostvars");
        if (hv != null && !(hv instanceof Map<?, ?>)) {
            throw new InventoryException(name + ": _meta.hostvars must be a JSON object of host names to their "
                    + "variables, not " + kind(hv));
        }
        return (Map<?, ?>) hv;
    }

    /** A group as script.py's {@code _parse_group} reads it. */
    private void group(String group, Object value) {
        if (group.isEmpty()) {
            throw new InventoryException(name + ": a group with an empty name");
        }
        data.group(group);
        if (!(value instanceof Map<?, ?> g)) {
            addHosts(group, value);
            return;
        }
        if (!g.containsKey("hosts") && !g.containsKey("vars") && !g.containsKey("children")) {
            // Ansible's shorthand: the group holds a host of its own name, and the object is the group's variables
            g = Map.of("hosts", List.of(group), "vars", g);
        }
        if (g.containsKey("hosts")) {
            addHosts(group, g.get("hosts"));
        }
        if (g.containsKey("vars")) {
            if (!(g.get("vars") instanceof Map<?, ?> vars)) {
                throw new InventoryException(name + ": group " + group + ": vars must be a JSON object, not "
                        + kind(g.get("vars")));
            }
            vars.forEach((k, v) -> data.setGroupVar(group, String.valueOf(k), v));
        }
        if (g.containsKey("children")) {
            for (String child : names(group, "children", g.get("children"))) {
                data.addChild(group, child);
            }
        }
    }

    private void addHosts(String group, Object names) {
        for (String h : names(group, "hosts", names)) {
            hosts.add(h);
            data.addHost(h, group, null);
        }
    }

    private List<String> names(String group, String key, Object value) {
        if (value instanceof List<?> l && l.stream().allMatch(n -> n instanceof String s && !s.isEmpty())) {
            return l.stream().map(String.class::cast).toList();
        }
        throw new InventoryException(name + ": group " + group + ": " + key + " must be a list of names, got "
                + kind(value));
    }

    /** {@code SCRIPT --host H}: its variables, read as Ansible's loader reads them, JSON first, then YAML. */
    private Object askHost(String host) {
        ScriptRun run = ScriptRun.of(script, opts.scriptBound(), "--host", host);
        String what = name + " --host " + host;
        if (run.out().isBlank()) {
            // Ansible 2.14 refuses it too ("expected dictionary and got: None")
            throw new InventoryException(what + " printed nothing: it must print the host's variables as a JSON "
                    + "object, {} for none" + ScriptRun.withErr(run.err()));
        }
        try {
            return JsonText.parse(run.out());
        } catch (InventoryException notJson) {
            return AnsibleYaml.load(run.out(), what, data.vault);
        }
    }

    /** A value's JSON kind, for messages (never the value: it may be a secret). */
    private static String kind(Object v) {
        return v == null ? "null" : v instanceof Map<?, ?> ? "an object" : v instanceof List<?>
                ? "a list" : v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : "a number";
    }
}
