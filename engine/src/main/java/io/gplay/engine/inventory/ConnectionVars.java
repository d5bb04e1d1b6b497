package io.gplay.engine.inventory;

import java.util.List;

/**
 * A host's connection settings under each of the names Ansible's ssh connection reads them by; where several are
 * set the last of Ansible's list wins, as there ({@code ansible_ssh_host} over {@code ansible_host}).
 */
public enum ConnectionVars {
    HOST("ansible_host", "ansible_ssh_host"),
    PORT("ansible_port", "ansible_ssh_port"),
    USER("ansible_user", "ansible_ssh_user"),
    PRIVATE_KEY_FILE("ansible_private_key_file", "ansible_ssh_private_key_file"),
    /** A password login's password (ssh connection's names). */
    PASSWORD("ansible_password", "ansible_ssh_pass", "ansible_ssh_password"),
    /** sudo's password for become (the sudo become plugin's names). */
    BECOME_PASSWORD("ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");

    private final List<String> names;

    ConnectionVars(String... names) {
        this.names = List.of(names);
    }

    /** Ansible's names for the setting, the one that wins last. */
    public List<String> names() {
        return names;
    }

    /** The value the host sets, as text, or {@code fallback}. */
    public String of(Host host, String fallback) {
        String value = fallback;
        for (String name : names) {
            value = host.varString(name, value);
        }
        return value;
    }

    /** The variable that gave the value, for messages: the name the user wrote. */
    public String nameIn(Host host) {
        String out = names.get(0);
        for (String name : names) {
            if (host.var(name) != null) {
                out = name;
            }
        }
        return out;
    }
}
