package io.gplay.engine.module;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Jinja2 expressions ({@code {{ inventory_hostname }}}, {@code {{ item.name | upper }}}) left in a task's
 * parameter: gplay evaluates Jinja2 only in {@code .j2} templates, so such a value would reach the host as
 * written (a file named {@code /tmp/{{ inventory_hostname }}.txt}). Parameters that are a file's own text
 * ({@code content}, {@code line}, {@code block}, {@code stdin}) may hold braces on purpose and are not read;
 * {@code {{ .Values.x }}} (Go's templates) and other braces that are not a Jinja2 variable are not taken for one.
 */
final class JinjaLeftovers {
    private static final Set<String> TEXT_OF_A_FILE = Set.of("content", "line", "block", "stdin");
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\{\\{-?\\s*([A-Za-z_]\\w*(?:\\.\\w+|\\[[^\\]{}]*\\])*)\\s*(\\|[^{}]*)?-?\\}\\}");
    /** Ansible's names with a gplay name of their own (README: "Ansible's facts and magic variables in gplay"). */
    private static final Map<String, String> GPLAY_NAMES = Map.of("inventory_hostname", "host",
            "inventory_hostname_short", "host", "ansible_play_hosts", "playHosts", "ansible_check_mode", "checkMode",
            "item", "item");
    /** Ansible's {@code ansible_<fact>} variables of the facts gplay gathers, read as {@code ansible_facts.<fact>}. */
    private static final Set<String> FACTS = Set.of("os_family", "distribution", "distribution_version",
            "distribution_major_version", "hostname", "fqdn", "service_mgr", "pkg_mgr", "user_id", "architecture",
            "kernel", "selinux", "interfaces", "all_ipv4_addresses");

    private JinjaLeftovers() {
    }

    /** Why the value holds Jinja2 gplay would not evaluate, with the Groovy to write instead; null when it holds none. */
    static String problem(ModuleSpec spec, Param p, Object value) {
        if (TEXT_OF_A_FILE.contains(p.name())) {
            return null;
        }
        String text = first(value);
        if (text == null) {
            return null;
        }
        Matcher m = EXPRESSION.matcher(text);
        m.find();
        return spec.name() + ": parameter '" + p.name() + "' holds '" + m.group() + "', Jinja2, which gplay evaluates"
                + " only in .j2 templates, so it would reach the host as written: write it in Groovy, " + p.name()
                + ": " + groovy(text);
    }

    /** The first string in the value that holds an expression. */
    private static String first(Object value) {
        if (value instanceof CharSequence s) {
            return EXPRESSION.matcher(s).find() ? s.toString() : null;
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().map(JinjaLeftovers::first).filter(x -> x != null).findFirst().orElse(null);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(JinjaLeftovers::first).filter(x -> x != null).findFirst().orElse(null);
        }
        return null;
    }

    /** The value as a per-host closure, each plain reference as a Groovy one; filters are the user's to port. */
    private static String groovy(String text) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean filters = false;
        while (m.find()) {
            filters |= m.group(2) != null;
            m.appendReplacement(out, Matcher.quoteReplacement("${" + reference(m.group(1)) + "}"));
        }
        m.appendTail(out);
        String closure = "{ \"" + out.toString().replace("\"", "\\\"") + "\" }";
        return filters ? closure + " (and the filters in Groovy: README, \"Ansible's facts and magic variables\")" : closure;
    }

    private static String reference(String jinja) {
        int dot = jinja.indexOf('.');
        String head = dot < 0 ? jinja : jinja.substring(0, dot);
        String rest = dot < 0 ? "" : jinja.substring(dot);
        if (GPLAY_NAMES.containsKey(head)) {
            return GPLAY_NAMES.get(head) + rest;
        }
        if (head.startsWith("ansible_") && FACTS.contains(head.substring("ansible_".length()))) {
            return "ansible_facts." + head.substring("ansible_".length()) + rest;
        }
        return head.equals("ansible_facts") ? jinja : "vars." + jinja;
    }
}
