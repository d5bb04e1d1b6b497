package io.gplay.cli;

import groovy.json.JsonGenerator;
import groovy.json.JsonOutput;
import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.inventory.InventoryView;
import io.gplay.engine.inventory.LoadOptions;
import picocli.CommandLine.ArgGroup;
import io.gplay.engine.run.Connections;
import io.gplay.engine.vault.SecretMask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code gplay inventory -i INV --list | --graph [GROUP] | --host HOST}: what gplay read, as ansible-inventory shows it. */
@Command(name = "inventory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows what gplay read from an inventory, as ansible-inventory shows it:",
                "  gplay inventory -i hosts.ini --list       groups, hosts, _meta.hostvars (JSON)",
                "  gplay inventory -i hosts.ini --graph web  the tree of groups and hosts",
                "  gplay inventory -i hosts.ini --host web1  one host's variables (JSON)",
                "  gplay inventory -i inv.d -i ec2.py --list  sources merged as Ansible merges them",
                "A host's variables are shown merged, its groups' included, as plays see them.",
                "Login and become passwords and values from a vault show as ******** unless --show-secrets."})
final class InventoryCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "SOURCE", description = "inventory: a YAML"
            + " or INI file, an executable inventory script, a directory of those, or a comma list host1,host2;"
            + " repeatable, the sources merged in order")
    List<String> inventory;

    @ArgGroup(multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", required = true, description = "all groups and hosts, as JSON")
        boolean list;

        @Option(names = "--graph", required = true, description = "the groups as a tree, from all or from GROUP")
        boolean graph;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "one host's variables, as JSON")
        String host;
    }

    @Option(names = "--show-secrets", description = "show passwords and vault values in clear")
    boolean showSecrets;

    @Mixin
    VaultOptions vault;

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "with --graph: the group to start from (default all)")
    String group;

    @Override
    public Integer call() {
        // vault values are registered with the mask as they are decrypted
        LoadOptions opts = new ConfigDefaults(AnsibleConfig.load(), ConfigDefaults.SYSTEM_INVENTORY).inventoryOptions();
        Inventory inv = InventoryLoader.load(inventory, opts.vault(vault.secrets()));
        SecretMask mask = SecretMask.global();
        Connections.registerPasswords(inv.hosts(), mask);
        if (group != null && !action.graph) {
            throw new IllegalArgumentException("a GROUP is given only with --graph");
        }
        if (action.graph) {
            System.out.println(InventoryView.graph(inv, group == null ? "all" : group));
        } else {
            Object all = action.list ? InventoryView.list(inv) : InventoryView.host(inv, action.host);
            Object shown = showSecrets ? all : mask.maskAll(all);
            String json = new JsonGenerator.Options().disableUnicodeEscaping().build().toJson(shown);
            System.out.println(JsonOutput.prettyPrint(json, true));
        }
        return 0;
    }
}
