package io.gplay.cli;

import io.gplay.engine.config.AnsibleConfig;
import io.gplay.engine.inventory.InventoryException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the command line leaves unsaid, from where an Ansible user keeps it: the environment and the ansible.cfg
 * Ansible would read ({@link AnsibleConfig}): the inventory ({@code ANSIBLE_INVENTORY}, {@code inventory}, then
 * {@code /etc/ansible/hosts}), {@code remote_user}, {@code private_key_file}, {@code forks}, {@code become},
 * {@code become_user}, {@code retry_files_enabled}, {@code retry_files_save_path}.
 */
final class ConfigDefaults {
    static final Path SYSTEM_INVENTORY = Path.of("/etc/ansible/hosts");

    private final AnsibleConfig config;
    private final Path systemInventory;

    ConfigDefaults(AnsibleConfig config, Path systemInventory) {
        this.config = config;
        this.systemInventory = systemInventory;
    }

    /** The inventory to read when {@code -i} is not given; an error says every place looked at. */
    String inventory() {
        List<String> sources = config.list("ANSIBLE_INVENTORY", "inventory");
        if (sources.size() > 1) {
            throw new InventoryException("the inventory setting names " + sources.size() + " sources (" + sources
                    + "); gplay reads one: give it with -i");
        }
        Optional<Path> configured = config.path("ANSIBLE_INVENTORY", "inventory");
        if (configured.isPresent()) {
            if (!Files.exists(configured.get())) {
                throw new InventoryException("inventory " + configured.get() + " (from " + origin("ANSIBLE_INVENTORY")
                        + "): no such file");
            }
            return configured.get().toString();
        }
        if (Files.isRegularFile(systemInventory)) {
            return systemInventory.toString();
        }
        List<String> looked = new ArrayList<>(List.of("-i", "$ANSIBLE_INVENTORY"));
        looked.add(config.file().map(f -> "inventory in " + f).orElse("an ansible.cfg ($ANSIBLE_CONFIG, ./ansible.cfg,"
                + " ~/.ansible.cfg, /etc/ansible/ansible.cfg: none found)"));
        looked.add(systemInventory.toString());
        throw new InventoryException("no inventory: give one with -i FILE (looked at " + String.join(", ", looked) + ")");
    }

    /** Folders to find roles in: ANSIBLE_ROLES_PATH, or roles_path of ansible.cfg. */
    List<Path> rolesPath() {
        return config.paths("ANSIBLE_ROLES_PATH", "roles_path");
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

    private String origin(String envName) {
        return System.getenv(envName) != null ? "$" + envName : config.file().map(Path::toString).orElse("?");
    }
}
