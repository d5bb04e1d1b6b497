package io.gplay.cli;

import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.shell.ShellWords;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options shared by every command that reaches hosts: inventory, limit, extra variables, forks, host keys. */
final class TargetOptions {
    @Option(names = {"-i", "--inventory"}, description = "inventory file (YAML or INI) or a comma list host1,host2", required = true)
    String inventory;

    @Option(names = {"-l", "--limit"}, description = "further limit the hosts to a pattern")
    String limit;

    @Option(names = {"-e", "--extra-vars"}, description = "k=v pairs, @file.yml, or YAML/JSON; highest precedence")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-f", "--forks"}, description = "hosts worked on at once (default ${DEFAULT-VALUE})", defaultValue = "10")
    int forks;

    @Option(names = "--accept-new-host-keys", description = "learn the key of a host not yet in known_hosts (as OpenSSH's accept-new); a changed key is always refused")
    boolean acceptNewHostKeys;

    @Option(names = "--known-hosts", description = "known_hosts file (default ~/.ssh/known_hosts, or the inventory's gplay_known_hosts)")
    Path knownHosts;

    Inventory loadInventory() {
        return InventoryLoader.load(inventory);
    }

    Map<String, Object> extraVars() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String e : extraVars) {
            if (e.startsWith("@")) {
                Path f = Path.of(e.substring(1));
                out.putAll(yamlMap(Files.readString(f), f.toString()));
            } else if (e.strip().startsWith("{")) {
                out.putAll(yamlMap(e, "-e"));
            } else {
                // words as a shell splits them, as Ansible does: -e 'motd="hello world" port=80'
                for (String kv : ShellWords.split(e)) {
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("-e " + e + ": expected key=value, @file or {json}");
                    }
                    out.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlMap(String text, String where) {
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + ": extra variables must be a mapping");
        }
        return (Map<String, Object>) o;
    }
}
