package io.gplay.engine.run;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.plan.Deferred;
import io.gplay.engine.plan.HostScope;
import io.gplay.engine.plan.Play;
import io.gplay.engine.plan.Playbook;
import io.gplay.engine.plan.SecretReads;
import io.gplay.engine.plan.Task;
import io.gplay.engine.vault.SecretMask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@code command} or {@code shell} whose command line reads a secret (a variable whose value on a targeted host
 * came from a vault, or a password), found before any connection: on the host the line is the argv of a
 * process, which {@code ps} shows to every user. The fix is {@code stdin:}. What the plan cannot tell (a value
 * registered by an earlier task, a secret inside a file read at run time) is refused on the host: a command line
 * computed by a closure that read a secret before the task runs ({@link #resolve}), whatever the closure made of
 * it, and any line holding a secret before it is sent ({@link io.gplay.engine.connection.SecretGuard}).
 */
final class SecretArguments {
    /** The modules whose parameters become a command line as given, and those parameters. */
    private static final Set<String> COMMANDS = Set.of("command", "shell");
    private static final List<String> ON_THE_LINE = List.of("cmd", "argv", "chdir", "creates", "removes");

    private SecretArguments() {
    }

    static List<String> problems(Playbook playbook, Targets targets, SecretMask secrets) {
        List<String> out = new ArrayList<>();
        if (secrets.isEmpty()) {
            return out;
        }
        for (Play play : playbook.plays()) {
            List<Host> hosts = targets.of(play);
            for (Task task : Stream.concat(play.allTasks(), play.handlers().stream()).toList()) {
                if (!COMMANDS.contains(task.module())) {
                    continue;
                }
                for (String param : ON_THE_LINE) {
                    for (String name : read(task.params().get(param))) {
                        List<String> where = hosts.stream().filter(h -> secrets.appearsIn(valueOf(h, play, name)))
                                .map(Host::name).toList();
                        if (!where.isEmpty()) {
                            out.add(task.source() + ": " + param + " reads '" + name + "', a secret on "
                                    + (where.size() == 1 ? "host " : "hosts ") + String.join(", ", where)
                                    + "; on the command line `ps` would show it to every user of the host: pass it on"
                                    + " standard input instead (stdin: { vars." + name + " }, read by the program)");
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * A task's parameters on a host. A command's line computed by a closure that read a secret ({@link SecretReads})
     * is refused before anything of the task runs, even when what the closure returned shows nothing of the secret
     * (a short part of it, a flag chosen by it).
     */
    static Map<String, Object> resolve(Task task, HostScope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean command = COMMANDS.contains(task.module());
        task.params().forEach((name, value) -> {
            SecretReads reads = SecretReads.start();
            try {
                out.put(name, Deferred.resolveAll(value, scope));
            } finally {
                reads.end();
            }
            if (command && ON_THE_LINE.contains(name) && reads.any()) {
                throw new ModuleFailure("refused before it ran: " + name + " was computed by a closure that read a"
                        + " secret (a value from a vault, a password, or one made from them); on the command line `ps`"
                        + " would show it to every user of the host: pass it on standard input instead (command and"
                        + " shell: stdin: { vars.NAME }, read by the program)");
            }
        });
        return out;
    }

    private static String valueOf(Host host, Play play, String name) {
        Object v = host.vars().containsKey(name) ? host.var(name) : play.vars().get(name);
        return v instanceof Map<?, ?> || v instanceof List<?> || v == null ? String.valueOf(v) : v.toString();
    }

    /** Every variable a parameter's value reads, those read as optional too. */
    private static Set<String> read(Object value) {
        Set<String> names = new LinkedHashSet<>(Deferred.variablesIn(value));
        if (value instanceof Deferred d) {
            names.addAll(d.tests());
        }
        return names;
    }
}
