package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamValidator;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.RoleArguments;
import io.gplay.engine.vault.VaultValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a role's declared options take from outside the role's use, checked against the option's type and
 * choices before any host is touched: Ansible validates a role's variables whatever their source when the role
 * starts (ansible c9ac477, lib/ansible/plugins/action/validate_argument_spec.py:78-80, the role's variables
 * read from the task's), so {@code -e motd_max_users=ten} or an inventory value cannot slip past the role's
 * {@code type: int}. Whose value a host's role sees, as a task's scope has it: the extra vars, else the use's
 * own (checked when the plan was made), else the play's vars, else the inventory's. A vault value, and a value
 * known only on the host (a per-host one, a registered result), are not checked here.
 */
final class RoleArgumentValues {
    private static final String FIX = "give one the role's meta/argument_specs.yml takes";

    private RoleArgumentValues() {
    }

    static List<String> problems(Playbook playbook, Targets targets, Map<String, Object> extraVars) {
        List<String> out = new ArrayList<>();
        for (Play play : playbook.plays()) {
            for (RoleArguments use : play.roleArguments()) {
                for (Param p : use.spec().params()) {
                    String name = p.name();
                    if (extraVars.containsKey(name)) {
                        add(out, use, p, extraVars.get(name), "the value of -e " + name);
                    } else if (use.given().contains(name)) {
                        continue;
                    } else if (play.vars().containsKey(name)) {
                        add(out, use, p, play.vars().get(name), "the value of the play's vars at " + play.source());
                    } else {
                        inventory(out, use, p, targets.of(play));
                    }
                }
            }
        }
        return out;
    }

    /** The inventory's values of the option for the play's hosts, one problem for the hosts that share a value. */
    private static void inventory(List<String> out, RoleArguments use, Param p, List<Host> hosts) {
        Map<Object, List<String>> byValue = new LinkedHashMap<>();
        for (Host h : hosts) {
            if (h.vars().containsKey(p.name())) {
                byValue.computeIfAbsent(h.vars().get(p.name()), v -> new ArrayList<>()).add(h.name());
            }
        }
        byValue.forEach((value, names) -> add(out, use, p, value, "the value the inventory gives host"
                + (names.size() == 1 ? " " : "s ") + String.join(", ", names)));
    }

    private static void add(List<String> out, RoleArguments use, Param p, Object value, String from) {
        if (value instanceof Deferred || value instanceof VaultValue) {
            return;
        }
        String problem = ParamValidator.valueProblem(use.spec(), p, value);
        if (problem != null) {
            out.add(use.source() + ": role " + problem + " (" + from + "; " + FIX + ")");
        }
    }
}
