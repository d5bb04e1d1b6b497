package io.gplay.engine.inventory;

import io.gplay.engine.vault.VaultException;
import io.gplay.engine.vault.VaultFormat;
import io.gplay.engine.vault.VaultSecrets;
import io.gplay.engine.vault.VaultValue;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Ansible inventories as ansible-core does: YAML ({@link YamlInventory}), INI ({@link IniInventory}), an
 * inventory script ({@link ScriptInventory}), a comma list ({@code -i h1,h2:2222}), a directory of those
 * ({@link SourceDirectory}), and {@code group_vars/}, {@code host_vars/} beside each source. Several sources make
 * one inventory, read in the order given (inventory/manager.py:218-244 of ansible-core 2.14): a host or group
 * named again gains members and variables, the later value of a variable winning. Variables merge as in
 * Ansible ({@link InventoryData}).
 */
public final class InventoryLoader {
    private InventoryLoader() {
    }

    /** Loads {@code spec}: a YAML or INI file, a script, a directory, or a comma-separated host list. */
    public static Inventory load(String spec) {
        return load(List.of(spec), LoadOptions.defaults());
    }

    /** As {@link #load(String)}, opening vault files and {@code !vault} values with {@code vault}. */
    public static Inventory load(String spec, VaultSecrets vault) {
        return load(List.of(spec), LoadOptions.defaults().vault(vault));
    }

    /** One inventory of {@code sources}, in their order, read with {@code opts}. */
    public static Inventory load(List<String> sources, LoadOptions opts) {
        InventoryData data = new InventoryData(opts.vault());
        for (String spec : sources) {
            readSource(spec, data, opts, new HashSet<>());
        }
        // beside a file, in a directory given itself; never beside what a directory holds (vars/plugins.py:99-114)
        for (int i = 0; i < sources.size(); i++) {
            Path path = Path.of(sources.get(i));
            if (!isHostList(sources.get(i), path)) {
                readVarDirs(Files.isDirectory(path) ? path : path.toAbsolutePath().getParent(), data, i);
            }
        }
        return data.build();
    }

    /** As Ansible's host_list plugin decides: a text with a comma that names no file. */
    private static boolean isHostList(String spec, Path path) {
        return spec.contains(",") && !Files.exists(path);
    }

    /** {@code dirs}: the directories being read, whose real paths a link must not lead back to. */
    private static void readSource(String spec, InventoryData data, LoadOptions opts, Set<Path> dirs) {
        Path path = Path.of(spec);
        if (isHostList(spec, path)) {
            for (String h : spec.split(",")) {
                if (!h.isBlank()) {
                    HostRanges.Entry e = HostRanges.parse(h.strip(), false);
                    data.addHost(e.hosts().get(0), "ungrouped", e.port());
                }
            }
        } else if (Files.isDirectory(path)) {
            if (!dirs.add(realPath(path))) {
                throw new InventoryException("inventory " + spec + ": a link leads back to a directory it is in");
            }
            for (Path entry : SourceDirectory.entries(path, opts.ignored())) {
                readSource(entry.toString(), data, opts, dirs);
            }
            dirs.remove(realPath(path));
        } else if (!Files.isRegularFile(path)) {
            throw new InventoryException("inventory " + spec + ": no such file");
        } else if (ScriptRun.isScript(path) && opts.skipScripts() != null) {
            opts.warnings().accept("inventory script " + spec + " was not run (" + opts.skipScripts()
                    + "): its hosts and groups are not read");
        } else if (ScriptRun.isScript(path)) {
            ScriptInventory.read(path, data, opts);
        } else {
            readStatic(path, spec, data);
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML or INI file, perhaps vault-encrypted as a whole. */
    private static void readStatic(Path path, String spec, InventoryData data) {
        // a whole encrypted inventory: its host names are no secrets, so its values are not masked
        String raw = readString(path);
        try {
            readFile(path, data.vault.open(raw, spec), spec, data);
            // a wrong password for the file's own !vault values is found now, not when a task reads one
            VaultValue.openFirst(Stream.concat(data.groupNames().stream().map(g -> data.group(g).vars),
                    data.hostNames().stream().map(h -> data.host(h).vars)).toList());
        } catch (InventoryException e) {
            if (VaultFormat.isEncrypted(raw)) {
                throw hidden(e, spec);
            }
            // Ansible reads a script it cannot run as YAML or INI too; the likely mistake is the mode
            throw raw.startsWith("#!") ? new InventoryException(e.getMessage() + " (" + spec + " starts with #!: "
                    + "to be run as an inventory script it must be executable: chmod +x " + spec + ")") : e;
        }
    }

    /**
     * As Ansible: a .yml, .yaml or .json file, or one with no extension, is tried as YAML first, and is a YAML
     * inventory if it is a mapping (or empty); everything else is read as INI. When neither reads a .yml file,
     * the YAML error is the one shown.
     */
    private static void readFile(Path path, String text, String spec, InventoryData data) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 1 ? "" : name.substring(dot);
        boolean yamlName = List.of(".yml", ".yaml", ".json").contains(ext);
        InventoryException yamlError = null;
        Node node = null;
        if (yamlName || ext.isEmpty()) {
            try {
                node = AnsibleYaml.compose(text, spec);
            } catch (InventoryException e) {
                yamlError = e;
            }
        }
        if (node instanceof MappingNode) {
            YamlInventory.read(node, spec, data);
            return;
        }
        try {
            IniInventory.read(text, spec, data);
        } catch (InventoryException e) {
            throw yamlName && yamlError != null ? yamlError : e;
        }
    }

    /**
     * An error in a decrypted inventory, without its text: the parsers' messages quote the line, which may hold
     * a password. What stays is FILE:LINE.
     */
    private static VaultException hidden(InventoryException e, String spec) {
        Matcher m = Pattern.compile("^" + Pattern.quote(spec) + ":(\\d+):").matcher(e.getMessage());
        return new VaultException((m.find() ? spec + ":" + m.group(1) : spec) + ": this entry cannot be read as an "
                + "inventory; the file is vault-encrypted, so the entry and the reason, which may quote it, are not "
                + "shown: see it with gplay vault view " + spec);
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- group_vars / host_vars ----

    /** The group_vars/ and host_vars/ files in {@code dir}, beside the {@code source}th source. */
    private static void readVarDirs(Path dir, InventoryData data, int source) {
        for (String group : data.groupNames()) {
            for (Path f : varFiles(dir.resolve("group_vars"), group)) {
                varsFile(f, data.vault).forEach((k, v) -> data.setGroupFileVar(group, source, k, v));
            }
        }
        for (String host : data.hostNames()) {
            for (Path f : varFiles(dir.resolve("host_vars"), host)) {
                data.host(host).fileVars.computeIfAbsent(source, s -> new LinkedHashMap<>())
                        .putAll(varsFile(f, data.vault));
            }
        }
    }

    private static List<Path> varFiles(Path dir, String name) {
        List<Path> out = new ArrayList<>();
        for (String ext : List.of("", ".yml", ".yaml", ".json")) {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> varsFile(Path f, VaultSecrets vault) {
        Object vars = AnsibleYaml.load(readString(f), f.toString(), vault);
        if (vars == null) {
            return Map.of();
        }
        if (!(vars instanceof Map<?, ?>)) {
            throw new InventoryException(f + ": must be a mapping of variables");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) vars).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
