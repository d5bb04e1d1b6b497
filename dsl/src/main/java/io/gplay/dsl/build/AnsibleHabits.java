package io.gplay.dsl.build;

import io.gplay.engine.module.Names;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Hints for a name written as Ansible writes it: its snake_case keywords and parameters ({@code ignore_errors},
 * {@code daemon_reload}: gplay's are camelCase), {@code with_items} and the other {@code with_} loops, and the
 * keywords gplay has elsewhere or not at all; other names get the nearest of the candidates ("did you mean").
 */
final class AnsibleHabits {
    private static final String ITEM = "each value is item in the task's closures";
    private static final Map<String, String> ELSEWHERE = Map.of(
            "loop_control", " (gplay's loop takes no loop_control: " + ITEM + ")",
            "become_user", " (did you mean 'becomeUser'? it is a play's option in gplay: play('p', hosts: 'all',"
                    + " becomeUser: 'postgres'))",
            "check_mode", " (Ansible's check_mode: a check run changes nothing on any host in gplay; a command that"
                    + " only reads runs in one when it says readOnly: true)");

    private AnsibleHabits() {
    }

    /** What to say after "unknown parameter 'NAME'": Ansible's habit first, else the nearest candidate, or "". */
    static String hint(String name, Collection<String> candidates) {
        String camel = camel(name);
        if (!camel.equals(name) && candidates.contains(camel)) {
            return " (did you mean '" + camel + "'? gplay's names are camelCase)";
        }
        if (ELSEWHERE.containsKey(name)) {
            return ELSEWHERE.get(name);
        }
        if (isLoop(name)) {
            return " (Ansible's " + name + ": write loop: [...]; " + ITEM + ")";
        }
        return Names.didYouMean(name, candidates);
    }

    /** Whether a name is Ansible's way of writing one of these keywords, or a keyword of Ansible's gplay has apart. */
    static boolean isAnsibleKeyword(String name, Set<String> keywords) {
        return ELSEWHERE.containsKey(name) || isLoop(name) || !camel(name).equals(name) && keywords.contains(camel(name));
    }

    /** gplay's name for Ansible's keyword, or null when gplay has none by that name. */
    static String gplayName(String name, Set<String> keywords) {
        return name.equals("become_user") ? "becomeUser" : keywords.contains(camel(name)) ? camel(name) : null;
    }

    private static boolean isLoop(String name) {
        return name.matches("with_[a-z_]+");
    }

    /** {@code ignore_errors} → {@code ignoreErrors}. */
    static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_' && out.length() > 0) {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
