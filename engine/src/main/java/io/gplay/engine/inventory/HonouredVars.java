package io.gplay.engine.inventory;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code ansible_*} variables gplay honours, in one place, so that nothing an inventory says is silently
 * ignored: {@link #report} names each other one a host sets. A variable that gplay comes to honour is added here;
 * the ssh arguments' options are judged where the SSH target is made (SshTargets).
 */
public final class HonouredVars {
    /** Honoured whatever their value (ansible_connection's values are checked where connections are opened). */
    private static final Set<String> HONOURED = Set.copyOf(Stream.concat(Arrays.stream(ConnectionVars.values())
            .flatMap(c -> c.names().stream()), Stream.of("ansible_connection", "ansible_become",
            // ssh's own arguments: SshTargets reads them and refuses, before any host, an option it does not understand
            "ansible_ssh_args", "ansible_ssh_common_args", "ansible_ssh_extra_args",
            "ansible_become_user",
            // the other transports' own (Transport)
            "ansible_chroot_exe", "ansible_nsenter_pid")).toList());

    /** Honoured with these values only: what gplay does anyway. */
    private static final Map<String, Set<String>> HONOURED_VALUES = Map.of("ansible_become_method", Set.of("sudo"));

    /** What matters only to how Ansible runs its Python modules on hosts; gplay runs none: said with -v only. */
    private static final Pattern NEEDLESS = Pattern.compile("ansible_\\w+_interpreter|ansible_(ssh_)?pipelining"
            + "|ansible_module_compression");

    /** How many hosts a message names before it counts the rest. */
    private static final int NAMED = 5;

    private HonouredVars() {
    }

    /**
     * One message for each variable (and reason) some of {@code hosts} set and gplay does not honour, naming the
     * hosts; those it does not need are said only when {@code verbose}.
     */
    public static List<String> report(Collection<Host> hosts, boolean verbose) {
        Map<String, List<String>> hostsByReason = new LinkedHashMap<>();
        for (Host h : hosts) {
            for (Map.Entry<String, Object> v : h.vars().entrySet()) {
                String why = reason(v.getKey(), v.getValue(), verbose);
                if (why != null) {
                    hostsByReason.computeIfAbsent(why, k -> new ArrayList<>()).add(h.name());
                }
            }
        }
        List<String> out = new ArrayList<>();
        hostsByReason.forEach((why, names) -> out.add((names.size() == 1 ? "host " : "hosts ")
                + String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "") + ": " + why));
        return out;
    }

    /** Why the variable is not honoured, or null when it is (or is no {@code ansible_} variable). */
    private static String reason(String name, Object value, boolean verbose) {
        if (!name.startsWith("ansible_") || HONOURED.contains(name)) {
            return null;
        }
        if (NEEDLESS.matcher(name).matches()) {
            return verbose ? name + " is ignored: it tells Ansible how to run its Python modules, and gplay runs "
                    + "no Python on hosts" : null;
        }
        if (HONOURED_VALUES.containsKey(name)) {
            return HONOURED_VALUES.get(name).contains(String.valueOf(value)) ? null : "gplay does not honour "
                    + name + " '" + value + "' (only " + String.join(", ", HONOURED_VALUES.get(name)) + ")";
        }
        return "gplay does not honour " + name + " (it is only a variable to gplay)";
    }
}
