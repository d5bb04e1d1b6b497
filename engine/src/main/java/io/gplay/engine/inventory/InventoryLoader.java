package io.gplay.engine.inventory;

import io.gplay.engine.vault.VaultSecrets;
import io.gplay.engine.vault.VaultYaml;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Ansible inventories unchanged: YAML ({@code all:/children:/hosts:/vars:}), INI ({@code [group]},
 * {@code [group:vars]}, {@code [group:children]}), a comma list ({@code -i h1,h2}), and {@code group_vars/},
 * {@code host_vars/} beside the file. Variables merge as in Ansible: {@code all}, then groups from the
 * outermost to the innermost (alphabetically at equal depth), then the host's own.
 */
public final class InventoryLoader {
    private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d+):(\\d+)](.*)$");

    private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
    private final Map<String, GroupDef> groupDefs = new LinkedHashMap<>();
    private String source = "<inventory>";
    private VaultSecrets vault = VaultSecrets.none();

    private static final class GroupDef {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
    }

    /** Loads {@code spec}: a YAML or INI file, or a comma-separated host list. */
    public static Inventory load(String spec) {
        return load(spec, VaultSecrets.none());
    }

    /** As {@link #load(String)}, decrypting vault files and {@code !vault} values with {@code vault}. */
    public static Inventory load(String spec, VaultSecrets vault) {
        InventoryLoader loader = new InventoryLoader();
        loader.vault = vault;
        Path path = Path.of(spec);
        if (!Files.exists(path) && spec.contains(",")) {
            loader.source = "-i " + spec;
            for (String h : spec.split(",")) {
                if (!h.isBlank()) {
                    loader.addHost("ungrouped", h.strip(), Map.of());
                }
            }
            return loader.build();
        }
        if (!Files.isRegularFile(path)) {
            throw new InventoryException("inventory " + spec + ": no such file");
        }
        loader.source = spec;
        String text = vault.open(readString(path), spec);
        String name = path.getFileName().toString();
        if (name.endsWith(".yml") || name.endsWith(".yaml") || looksLikeYaml(text)) {
            loader.readYaml(text);
        } else {
            loader.readIni(text);
        }
        loader.readVarDirs(path.toAbsolutePath().getParent());
        return loader.build();
    }

    private static boolean looksLikeYaml(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .map(l -> l.startsWith("all:") || l.equals("---")).orElse(false);
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object parseYaml(String text, String file) {
        try {
            // a key given twice (a host listed twice, say) is an error, not a silent "the last one wins"
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return VaultYaml.load(text, file, options, vault);
        } catch (MarkedYAMLException e) {
            throw new InventoryException(file + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        }
    }

    // ---- YAML ----

    private void readYaml(String text) {
        Object doc = parseYaml(text, source);
        if (doc == null) {
            return;
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new InventoryException(source + ": a YAML inventory is a mapping of groups (e.g. 'all:')");
        }
        top.forEach((g, body) -> readYamlGroup(String.valueOf(g), body, "all"));
    }

    private void readYamlGroup(String name, Object body, String path) {
        GroupDef group = group(name);
        if (body == null) {
            return;
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw new InventoryException(source + ": group '" + path + "' must be a mapping with hosts/vars/children");
        }
        for (var e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            switch (key) {
                case "hosts" -> {
                    if (value instanceof Map<?, ?> hosts) {
                        hosts.forEach((h, vars) -> addHost(name, String.valueOf(h), asVars(vars, "host " + h)));
                    } else if (value != null) {
                        throw new InventoryException(source + ": " + name + ".hosts must be a mapping of host names");
                    }
                }
                case "vars" -> group.vars.putAll(asVars(value, "group " + name + " vars"));
                case "children" -> {
                    if (value instanceof Map<?, ?> children) {
                        children.forEach((c, cbody) -> {
                            group.children.add(String.valueOf(c));
                            readYamlGroup(String.valueOf(c), cbody, path + "." + c);
                        });
                    } else if (value != null) {
                        throw new InventoryException(source + ": " + name + ".children must be a mapping of groups");
                    }
                }
                default -> throw new InventoryException(source + ": group '" + name + "': unknown key '" + key
                        + "' (expected hosts, vars or children)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asVars(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new InventoryException(source + ": " + what + " must be a mapping of variables");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    // ---- INI ----

    private void readIni(String text) {
        String section = "ungrouped";
        String kind = "hosts";
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new InventoryException(source + ":" + lineNo + ": unclosed section header: " + line);
                }
                String head = line.substring(1, line.length() - 1);
                int colon = head.indexOf(':');
                section = colon < 0 ? head : head.substring(0, colon);
                kind = colon < 0 ? "hosts" : head.substring(colon + 1);
                if (!Set.of("hosts", "vars", "children").contains(kind)) {
                    throw new InventoryException(source + ":" + lineNo + ": unknown section kind ':" + kind + "'");
                }
                group(section);
                continue;
            }
            switch (kind) {
                case "hosts" -> {
                    List<String> tokens = IniTokens.split(line);
                    Map<String, Object> vars = new LinkedHashMap<>();
                    for (String t : tokens.subList(1, tokens.size())) {
                        int eq = t.indexOf('=');
                        if (eq < 1) {
                            throw new InventoryException(source + ":" + lineNo + ": expected key=value, got '" + t + "'");
                        }
                        vars.put(t.substring(0, eq), IniTokens.value(t.substring(eq + 1)));
                    }
                    for (String h : expand(tokens.get(0))) {
                        addHost(section, h, vars);
                    }
                }
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq < 1) {
                        throw new InventoryException(source + ":" + lineNo + ": expected key=value in [" + section
                                + ":vars]");
                    }
                    group(section).vars.put(line.substring(0, eq).strip(), IniTokens.value(line.substring(eq + 1).strip()));
                }
                default -> {
                    group(section).children.add(line);
                    group(line);
                }
            }
        }
    }

    /** {@code web[01:03]} is web01, web02, web03, as in Ansible. */
    static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.matches()) {
            return List.of(pattern);
        }
        List<String> out = new ArrayList<>();
        int width = m.group(2).length();
        for (int i = Integer.parseInt(m.group(2)); i <= Integer.parseInt(m.group(3)); i++) {
            String n = String.valueOf(i);
            if (m.group(2).startsWith("0")) {
                n = "0".repeat(Math.max(0, width - n.length())) + n;
            }
            out.addAll(expand(m.group(1) + n + m.group(4)));
        }
        return out;
    }

    // ---- group_vars / host_vars ----

    private void readVarDirs(Path dir) {
        // all and ungrouped exist whether or not the inventory file names them, as in Ansible
        Set<String> groups = new LinkedHashSet<>(List.of("all", "ungrouped"));
        groups.addAll(groupDefs.keySet());
        for (String group : groups) {
            varFiles(dir.resolve("group_vars"), group).forEach(f -> group(group).vars.putAll(varsFile(f)));
        }
        for (String host : hostVars.keySet()) {
            varFiles(dir.resolve("host_vars"), host).forEach(f -> hostVars.get(host).putAll(varsFile(f)));
        }
    }

    private static List<Path> varFiles(Path dir, String name) {
        List<Path> out = new ArrayList<>();
        for (String ext : List.of("", ".yml", ".yaml")) {
            Path f = dir.resolve(name + ext);
            if (Files.isRegularFile(f)) {
                out.add(f);
            }
        }
        Path sub = dir.resolve(name);
        if (Files.isDirectory(sub)) {
            try (Stream<Path> s = Files.list(sub)) {
                s.filter(Files::isRegularFile).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private Map<String, Object> varsFile(Path f) {
        return asVars(parseYaml(readString(f), f.toString()), f.toString());
    }

    // ---- model ----

    private GroupDef group(String name) {
        return groupDefs.computeIfAbsent(name, n -> new GroupDef());
    }

    private void addHost(String groupName, String host, Map<String, Object> vars) {
        group(groupName).hosts.add(host);
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    }

    private Inventory build() {
        GroupDef all = groupDefs.remove("all");
        Map<String, Integer> depth = new HashMap<>();
        groupDefs.keySet().forEach(g -> depth.put(g, 1));
        boolean moved = true;
        for (int round = 0; moved && round < groupDefs.size() + 1; round++) {
            moved = false;
            for (var e : groupDefs.entrySet()) {
                for (String child : e.getValue().children) {
                    if (depth.get(child) <= depth.get(e.getKey())) {
                        depth.put(child, depth.get(e.getKey()) + 1);
                        moved = true;
                    }
                }
            }
        }
        if (moved) {
            throw new InventoryException(source + ": groups contain each other in a cycle");
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String g : groupDefs.keySet()) {
            members.put(g, new ArrayList<>(membersOf(g, new LinkedHashSet<>())));
        }
        if (all != null) {
            all.hosts.forEach(h -> members.computeIfAbsent("ungrouped", k -> new ArrayList<>()).add(h));
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (var he : hostVars.entrySet()) {
            String name = he.getKey();
            List<String> groups = members.entrySet().stream().filter(m -> m.getValue().contains(name))
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparing((String g) -> depth.getOrDefault(g, 1)).thenComparing(g -> g))
                    .toList();
            Map<String, Object> vars = new LinkedHashMap<>();
            if (all != null) {
                vars.putAll(all.vars);
            }
            for (String g : groups) {
                GroupDef def = groupDefs.get(g);
                if (def != null) {
                    vars.putAll(def.vars);
                }
            }
            vars.putAll(he.getValue());
            hosts.put(name, new Host(name, groups, vars));
        }
        return new Inventory(hosts, members);
    }

    private Set<String> membersOf(String group, Set<String> seen) {
        Set<String> out = new LinkedHashSet<>();
        GroupDef def = groupDefs.get(group);
        if (def == null || !seen.add(group)) {
            return out;
        }
        out.addAll(def.hosts);
        for (String child : def.children) {
            out.addAll(membersOf(child, seen));
        }
        return out;
    }
}
