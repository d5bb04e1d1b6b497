package io.gplay.cli;

import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.inventory.InventoryException;
import io.gplay.engine.inventory.LoadOptions;
import io.gplay.engine.inventory.SourceDirectory;
import io.gplay.engine.report.TerminalText;
import io.gplay.engine.vault.SecretMask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line leaves unsaid, from where an Ansible user keeps it: the environment and the ansible.cfg
 * Ansible would read ({@link AnsibleConfig}): the inventory ({@code ANSIBLE_INVENTORY}, {@code inventory}, then
 * {@code /etc/ansible/hosts}) and the names a directory of it skips, {@code remote_user}, {@code private_key_file},
 * {@code forks}, {@code become}, {@code become_user}, {@code retry_files_enabled}, {@code retry_files_save_path},
 * and [ssh_connection]'s {@code ssh_args}, {@code ssh_common_args}, {@code ssh_extra_args}.
 */
final class ConfigDefaults {
    static final Path SYSTEM_INVENTORY = Path.of("/etc/ansible/hosts");

    private final AnsibleConfig config;
    private final Path systemInventory;

    ConfigDefaults(AnsibleConfig config, Path systemInventory) {
        this.config = config;
        this.systemInventory = systemInventory;
    }

    /**
     * The inventory sources to read when {@code -i} is not given: those the setting lists (comma-separated, as
     * Ansible's pathlist), else /etc/ansible/hosts; an error says every place looked at.
     */
    List<String> inventory() {
        List<Path> configured = config.pathList("ANSIBLE_INVENTORY", "inventory");
        for (Path p : configured) {
            if (!Files.exists(p)) {
                throw new InventoryException("inventory " + p + " (from " + origin("ANSIBLE_INVENTORY")
                        + "): no such file");
            }
        }
        if (!configured.isEmpty()) {
            return configured.stream().map(Path::toString).toList();
        }
        if (Files.exists(systemInventory)) {
            return List.of(systemInventory.toString());
        }
        List<String> looked = new ArrayList<>(List.of("-i", "$ANSIBLE_INVENTORY"));
        looked.add(config.file().map(f -> "inventory in " + f).orElse("an ansible.cfg ($ANSIBLE_CONFIG, ./ansible.cfg,"
                + " ~/.ansible.cfg, /etc/ansible/ansible.cfg: none found)"));
        looked.add(systemInventory.toString());
        throw new InventoryException("no inventory: give one with -i FILE (looked at " + String.join(", ", looked) + ")");
    }

    /**
     * How inventories are read: a directory skips the names of Ansible's INVENTORY_IGNORE_EXTS and
     * INVENTORY_IGNORE_PATTERNS settings (environment or [defaults]); warnings go to standard error.
     */
    LoadOptions inventoryOptions() {
        List<String> extensions = config.value("ANSIBLE_INVENTORY_IGNORE", "inventory_ignore_extensions").isPresent()
                ? config.list("ANSIBLE_INVENTORY_IGNORE", "inventory_ignore_extensions") : SourceDirectory.IGNORED_EXTENSIONS;
        return LoadOptions.defaults()
                .ignored(SourceDirectory.ignored(extensions,
                        config.list("ANSIBLE_INVENTORY_IGNORE_REGEX", "inventory_ignore_patterns")))
                .warnings(w -> System.err.println("[WARNING]: " + TerminalText.escaped(SecretMask.global().mask(w))));
    }

    /** Folders to find roles in: ANSIBLE_ROLES_PATH, or roles_path of ansible.cfg. */
    List<Path> rolesPath() {
        return config.paths("ANSIBLE_ROLES_PATH", "roles_path");
    }

    /**
     * The ssh arguments of [ssh_connection] and their environment variables, under the host variables that
     * take their place ({@code ssh_args} is {@code ansible_ssh_args}, ...): a host's own wins, as in Ansible.
     */
    Map<String, String> sshArgs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : List.of("ssh_args", "ssh_common_args", "ssh_extra_args")) {
            config.value("ANSIBLE_" + key.toUpperCase(), "ssh_connection." + key).ifPresent(v -> out.put("ansible_" + key, v));
        }
        return out;
    }

    /** Folders to find modules of one's own in: ANSIBLE_LIBRARY, or library of ansible.cfg. */
    List<Path> library() {
        return config.paths("ANSIBLE_LIBRARY", "library");
    }

    Optional<String> remoteUser() {
        return config.value("ANSIBLE_REMOTE_USER", "remote_user");
    }

    Optional<String> privateKeyFile() {
        return config.path("ANSIBLE_PRIVATE_KEY_FILE", "private_key_file").map(Path::toString);
    }

    Optional<Integer> forks() {
        return config.value("ANSIBLE_FORKS", "forks").map(v -> {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new InventoryException("forks '" + v + "' (from " + origin("ANSIBLE_FORKS") + ") is no number");
            }
        });
    }

    boolean become() {
        return config.flag("ANSIBLE_BECOME", "become");
    }

    Optional<String> becomeUser() {
        return config.value("ANSIBLE_BECOME_USER", "become_user");
    }

    boolean retryFilesEnabled() {
        return config.flag("ANSIBLE_RETRY_FILES_ENABLED", "retry_files_enabled");
    }

    Optional<Path> retryFilesSavePath() {
        return config.path("ANSIBLE_RETRY_FILES_SAVE_PATH", "retry_files_save_path");
    }

    /** Where every run's log is appended: log_path of ansible.cfg, or $ANSIBLE_LOG_PATH. */
    Optional<Path> logPath() {
        return config.path("ANSIBLE_LOG_PATH", "log_path");
    }

    private String origin(String envName) {
        return System.getenv(envName) != null ? "$" + envName : config.file().map(Path::toString).orElse("?");
    }
}
