package io.gplay.engine.inventory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's commonest template in a variable's value: one that names another variable and nothing else,
 * {@code "{{ vault_sudo }}"}, read as that variable's value, lazily (the value it names as the run sees it, extra
 * vars included), through chains. Any other template in a value is not evaluated: a task parameter holding one is
 * refused on the host, and a connection variable before any connection ({@code JinjaLeftovers}, {@code Connections}).
 */
public final class VarRefs {
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    /** A chain longer than this is a loop (a names b, b names a): its value stays the template, refused where used. */
    private static final int LONGEST_CHAIN = 32;

    private VarRefs() {
    }

    /** {@code vars} with each value that names another of its variables replaced by that variable's value. */
    public static Map<String, Object> resolved(Map<String, Object> vars) {
        Map<String, Object> out = null;
        for (Map.Entry<String, Object> e : vars.entrySet()) {
            Object v = value(vars, e.getValue());
            if (v != e.getValue()) {
                if (out == null) {
                    out = new LinkedHashMap<>(vars);
                }
                out.put(e.getKey(), v);
            }
        }
        return out == null ? vars : out;
    }

    /** The value {@code v} stands for among {@code vars}: itself, unless it names one of them. */
    public static Object value(Map<String, Object> vars, Object v) {
        Object at = v;
        for (int i = 0; i < LONGEST_CHAIN; i++) {
            String name = reference(at);
            if (name == null || !vars.containsKey(name)) {
                return at;
            }
            at = vars.get(name);
        }
        return reference(at) != null ? v : at;
    }

    /** The variable {@code v} names and nothing else, or null; a value without "{{" is passed over unread. */
    private static String reference(Object v) {
        if (!(v instanceof CharSequence s) || s.toString().indexOf("{{") < 0) {
            return null; // every value of every task's scope comes here: most are plain text
        }
        Matcher m = REF.matcher(s.toString().strip());
        return m.matches() ? m.group(1) : null;
    }
}
