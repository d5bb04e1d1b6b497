package io.gplay.dsl.build;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ansible condition ({@code when: 'ansible_os_family == "Debian"'}) rewritten as the closure gplay takes, for
 * the message that refuses the string: Ansible's fact names become gplay's ({@code facts.osFamily}), other names
 * variables ({@code vars.x}), and Jinja's words Groovy's. A suggestion for a person to read, not a translator:
 * what it cannot rewrite it leaves as it was.
 */
final class AnsibleCondition {
    /** Ansible's names for facts and magic variables, and gplay's (README: "Ansible's facts in gplay"). */
    private static final Map<String, String> FACTS = new LinkedHashMap<>();

    static {
        FACTS.put("ansible_os_family", "facts.osFamily");
        FACTS.put("ansible_distribution", "facts.distribution");
        FACTS.put("ansible_distribution_version", "facts.distributionVersion");
        FACTS.put("ansible_distribution_major_version", "facts.distributionMajorVersion");
        FACTS.put("ansible_hostname", "facts.hostname");
        FACTS.put("ansible_fqdn", "facts.fqdn");
        FACTS.put("ansible_service_mgr", "facts.serviceMgr");
        FACTS.put("ansible_pkg_mgr", "facts.pkgMgr");
        FACTS.put("ansible_user_id", "facts.user");
        FACTS.put("ansible_architecture", "facts.arch");
        FACTS.put("ansible_kernel", "facts.kernel");
        FACTS.put("ansible_interfaces", "facts.interfaces.keySet()");
        FACTS.put("ansible_all_ipv4_addresses", "facts.ipv4");
        FACTS.put("ansible_check_mode", "checkMode");
        FACTS.put("inventory_hostname", "host");
        FACTS.put("ansible_play_hosts", "playHosts");
        FACTS.put("groups", "groups");
        FACTS.put("hostvars", "hostvars");
        FACTS.put("item", "item");
    }

    private static final Pattern NAME = Pattern.compile("(?<![.\\w'\"])([A-Za-z_]\\w*)(?![\\w(])");
    private static final Map<String, String> WORDS = Map.of("and", "&&", "or", "||", "not", "!", "true", "true",
            "false", "false", "True", "true", "False", "false", "in", "in", "is", "is", "defined", "defined");

    private AnsibleCondition() {
    }

    /** The closure to write for this Ansible condition: {@code { facts.osFamily == 'Debian' }}. */
    static String asClosure(String condition) {
        String c = condition.strip()
                .replaceAll("(\\w+)\\s+is\\s+not\\s+defined", "vars.$1 == null")
                .replaceAll("(\\w+)\\s+is\\s+defined", "vars.$1 != null")
                .replace('"', '\'');
        c = c.replaceAll("ansible_facts\\[\\s*'(\\w+)'\\s*]", "ansible_$1").replaceAll("ansible_facts\\.(\\w+)", "ansible_$1");
        Matcher m = NAME.matcher(c);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String gplay = FACTS.containsKey(name) ? FACTS.get(name) : WORDS.containsKey(name) ? WORDS.get(name)
                    : name.equals("vars") || name.equals("null") ? name : "vars." + name;
            m.appendReplacement(out, Matcher.quoteReplacement(gplay));
        }
        m.appendTail(out);
        String groovy = out.toString().replaceAll("!\\s+", "!").replaceAll("vars\\.vars\\.", "vars.");
        return "{ " + groovy + " }";
    }
}
