package io.gplay.modules.selinux;

import java.util.ArrayList;
import java.util.List;

/**
 * /etc/selinux/config as Ansible's selinux module (ansible.posix) reads and writes it: the value of the first line
 * starting SELINUX= (or SELINUXTYPE=), everything after its first '=' up to a next one, stripped; an edit sets
 * every such line and appends one when there is none, each line then ending in a newline.
 */
final class SelinuxConfig {
    private SelinuxConfig() {
    }

    /** The value of KEY (SELINUX, SELINUXTYPE), or null when no line sets it (Ansible's None). */
    static String get(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.split("=", -1)[1].strip();
            }
        }
        return null;
    }

    /** The text with KEY=VALUE, as Ansible's set_config_state and set_config_policy write it. */
    static String set(String text, String key, String value) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        boolean found = false;
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith(key + "=")) {
                found = true;
                line = key + "=" + value;
            }
            out.append(line).append('\n');
        }
        if (!found) {
            out.append(key).append('=').append(value).append('\n');
        }
        return out.toString();
    }
}
