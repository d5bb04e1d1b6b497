package io.gplay.engine.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gplay's facts under the names Ansible's setup gives them ({@code osFamily} is {@code os_family}, {@code arch}
 * {@code architecture}, {@code ipv4} {@code all_ipv4_addresses}; any other camelCase name in snake_case), with
 * Ansible's spelling of the distribution ({@code debian} is {@code Debian}, {@code rhel} {@code RedHat}).
 */
public final class AnsibleFacts {
    private static final Map<String, String> NAMES = Map.of("user", "user_id", "arch", "architecture",
            "ipv4", "all_ipv4_addresses");
    private static final Map<String, String> DISTRIBUTIONS = Map.of("debian", "Debian", "ubuntu", "Ubuntu",
            "centos", "CentOS", "rhel", "RedHat", "fedora", "Fedora", "rocky", "Rocky", "almalinux", "AlmaLinux",
            "ol", "OracleLinux");

    private AnsibleFacts() {
    }

    public static Map<String, Object> of(Map<String, Object> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((name, value) -> {
            String key = NAMES.getOrDefault(name, name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase());
            if (key.equals("distribution") && value instanceof String d) {
                out.put(key, DISTRIBUTIONS.getOrDefault(d, d));
            } else if (key.equals("interfaces") && value instanceof Map<?, ?> m) {
                out.put(key, java.util.List.copyOf(m.keySet()));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
