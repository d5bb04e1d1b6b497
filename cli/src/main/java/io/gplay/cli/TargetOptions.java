package io.gplay.cli;

import io.gplay.dsl.PlaybookLoader;
import io.gplay.engine.module.ModuleRegistry;
import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.inventory.Inventory;
import io.gplay.engine.inventory.InventoryLoader;
import io.gplay.engine.run.RunOptions;
import io.gplay.engine.vault.SecretMask;
import io.gplay.engine.vault.TerminalPrompt;
import io.gplay.engine.vault.VaultSecrets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Options shared by every command that reaches hosts: inventory, limit, extra variables, forks, host keys, and
 * ansible-playbook's connection options, which (as there) give defaults that the inventory's variables override.
 */
final class TargetOptions {
    @Option(names = {"-i", "--inventory"}, paramLabel = "SOURCE", description = "inventory: a YAML or INI file, an"
            + " executable inventory script, a directory of those, or a comma list host1,host2; repeatable, the"
            + " sources merged in order; default: $ANSIBLE_INVENTORY, the inventory of ansible.cfg, /etc/ansible/hosts")
    List<String> inventory = new ArrayList<>();

    @Option(names = {"-l", "--limit"}, description = "further limit the hosts to a pattern; @FILE: the hosts of a file,"
            + " one a line (a retry file)")
    String limit;

    @Option(names = {"-e", "--extra-vars"}, description = "k=v pairs, @file.yml, or YAML/JSON; highest precedence")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-f", "--forks"}, description = "hosts worked on at once (default: forks of ansible.cfg, or 10)")
    Integer forks;

    @Option(names = "--accept-new-host-keys", description = "learn the key of a host not yet in known_hosts (as OpenSSH's accept-new); a changed key is always refused")
    boolean acceptNewHostKeys;

    @Option(names = "--known-hosts", description = "known_hosts file (default ~/.ssh/known_hosts, or the inventory's gplay_known_hosts)")
    Path knownHosts;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "read this OpenSSH client configuration file"
            + " instead of ~/.ssh/config and /etc/ssh/ssh_config, as ssh -F (none: no file; the inventory's"
            + " gplay_ssh_config wins)")
    String sshConfig;

    @Option(names = {"-u", "--user"}, description = "log in as this user (the inventory's ansible_user wins)")
    String user;

    @Option(names = "--private-key", description = "SSH key file (the inventory's ansible_ssh_private_key_file wins)")
    String privateKey;

    @Option(names = {"-c", "--connection"}, description = "ssh, local, chroot, nsenter, docker or podman, or their collections' names (the inventory's ansible_connection wins)")
    String connection;

    @Option(names = {"-b", "--become"}, description = "run through sudo (a play's or task's become: false wins)")
    boolean become;

    @Option(names = "--become-user", description = "the user to become (default root)")
    String becomeUser;

    @Option(names = "--roles-path", split = ":", paramLabel = "DIR", description = "folders to find roles in, after roles/ beside the playbook (default: roles_path of ansible.cfg); the bundled roles come last")
    List<Path> rolesPath;

    @Option(names = "--module-path", split = ":", paramLabel = "DIR", description = "folders to find modules of your own in (NAME.groovy), after modules/ beside the playbook (default: library of ansible.cfg)")
    List<Path> modulePath;

    @Option(names = {"-k", "--ask-pass"}, description = "ask for the SSH login password (the inventory's ansible_password wins)")
    boolean askPass;

    @Option(names = {"-K", "--ask-become-pass"}, description = "ask for sudo's password (the inventory's ansible_become_password wins)")
    boolean askBecomePass;

    /** The passwords asked for, once a command (a command may load the inventory more than once). */
    private Map<String, String> asked;

    @Mixin
    VaultOptions vault;

    /** --roles-path, or roles_path of the Ansible configuration. */
    List<Path> rolesPath() {
        return rolesPath != null ? rolesPath : configured.rolesPath();
    }

    /** --module-path, or library of the Ansible configuration. */
    List<Path> modulePath() {
        return modulePath != null ? modulePath : configured.library();
    }

    /** gplay's modules, the plugin jars' and the Groovy ones of {@code folder} (its modules/, then the module path). */
    ModuleRegistry modules(Path folder) {
        return new PlaybookLoader(ModuleRegistry.load(), PlaybookLoader.defaultCacheDir()).modulePath(modulePath())
                .modules(folder);
    }

    /** What the command line leaves unsaid, from the environment and ansible.cfg, as Ansible reads them. */
    private final ConfigDefaults configured = new ConfigDefaults(AnsibleConfig.load(), ConfigDefaults.SYSTEM_INVENTORY);

    /** What ansible.cfg and the environment say where the command line says nothing. */
    ConfigDefaults configured() {
        return configured;
    }

    /** -b, or become of ansible.cfg. */
    boolean become() {
        return become || configured.become();
    }

    /** The inventory with the command line's defaults; -b among them for a playbook run. */
    Inventory loadInventory() {
        return loadInventory(true);
    }

    /** The -i sources, or the configured ones. */
    List<String> sources() {
        return inventory.isEmpty() ? configured.inventory() : inventory;
    }

    /**
     * The inventory as {@code --syntax-check} reads it: nothing asked, no vault password read or run for (the
     * Ansible configuration of an untrusted checkout may name a script), no vault data opened, and no inventory
     * script run, which is code of the checkout: each is a warning, its hosts not read.
     */
    Inventory inventoryForCheck() {
        return InventoryLoader.load(sources(), configured.inventoryOptions().vault(VaultSecrets.sealed())
                .skipScripts("--syntax-check runs no code of the tree"));
    }

    /**
     * The inventory with the command line's defaults; {@code becomeDefault} false for the console and ad-hoc
     * commands, whose session holds -b itself (the console's :become switches it).
     */
    Inventory loadInventory(boolean becomeDefault) {
        Map<String, Object> defaults = new LinkedHashMap<>(configured.sshArgs());
        Optional.ofNullable(user).or(configured::remoteUser).ifPresent(u -> defaults.put("ansible_user", u));
        Optional.ofNullable(privateKey).or(configured::privateKeyFile)
                .ifPresent(k -> defaults.put("ansible_ssh_private_key_file", k));
        if (connection != null) {
            defaults.put("ansible_connection", connection);
        }
        if (sshConfig != null) {
            defaults.put("gplay_ssh_config", sshConfig);
        }
        if (become() && becomeDefault) {
            defaults.put("ansible_become", true);
        }
        Optional.ofNullable(becomeUser).or(configured::becomeUser).ifPresent(u -> defaults.put("ansible_become_user", u));
        defaults.putAll(askedPasswords());
        return InventoryLoader.load(sources(), configured.inventoryOptions().vault(vault.secrets())).withDefaults(defaults);
    }

    /**
     * Asks now what loading the inventory would ask on the terminal (-k, -K, then the vault password, in
     * ansible-playbook's order), so that the inventory can then be loaded on another thread.
     */
    void askNow() {
        askedPasswords();
        vault.secrets();
    }

    /**
     * -k and -K, asked as ansible-playbook asks them (on the terminal without echo, else a line of standard
     * input); an empty become password is the SSH password, as there. Both are secrets from then on.
     */
    private Map<String, String> askedPasswords() {
        if (asked == null) {
            asked = new LinkedHashMap<>();
            TerminalPrompt prompt = new TerminalPrompt();
            if (askPass) {
                asked.put("ansible_password", prompt.ask("SSH password: "));
            }
            if (askBecomePass) {
                String pw = prompt.ask(askPass ? "BECOME password[defaults to SSH password]: " : "BECOME password: ");
                asked.put("ansible_become_password", pw.isEmpty() && askPass ? asked.get("ansible_password") : pw);
            }
            asked.values().forEach(SecretMask.global()::add);
        }
        return asked;
    }

    Map<String, Object> extraVars() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String e : extraVars) {
            if (e.startsWith("@")) {
                Path f = Path.of(e.substring(1));
                out.putAll(KeyValues.mapping(Files.readString(f), f.toString(), vault.secrets()));
            } else if (e.strip().startsWith("{")) {
                out.putAll(KeyValues.mapping(e, "-e", vault.secrets()));
            } else {
                out.putAll(KeyValues.pairs(e, "-e " + e));
            }
        }
        return out;
    }

    /** The run options every command takes from these: forks, limit (its files read), extra variables, host keys. */
    RunOptions.Builder runOptions() throws IOException {
        return RunOptions.builder().hosts(forks != null ? forks : configured.forks().orElse(10), LimitFile.expand(limit),
                extraVars(), acceptNewHostKeys, knownHosts);
    }
}
